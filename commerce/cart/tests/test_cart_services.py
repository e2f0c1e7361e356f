"""Cart services: adding, changing, removing; every bad input leaves the cart as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.models import ProductVariant
from commerce.cart import lines as cart_lines
from commerce.cart.errors import CartError
from commerce.cart.models import Cart, CartLine
from commerce.pricing.context import PriceContext
from commerce.pricing.models import VariantQuantityRule
from commerce.pricing.tests.factories import make_company, make_user

from .factories import anonymous, cart_with, make_variant


def lines_of(cart):
    return list(cart.lines.order_by("pk").values_list("variant_id", "quantity"))


def test_add_item_creates_a_line_with_the_price_snapshot(shop):
    cart = Cart.objects.create()

    line = cart_lines.add_item(cart, shop.soap.pk, "3", anonymous())

    assert (line.quantity, line.unit_price_at_add, line.display_mode_at_add) == (3, Decimal("11.90"), "gross")


def test_adding_the_same_variant_again_adds_up(shop):
    cart = cart_with((shop.soap, 2))

    cart_lines.add_item(cart, shop.soap.pk, 3, anonymous())

    assert lines_of(cart) == [(shop.soap.pk, 5)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0", "The quantity must be at least 1."),
        ("-1", "The quantity must be at least 1."),
        ("10000", "At most 9999 items can be ordered per line."),
        ("abc", "Please enter the quantity as a whole number."),
        ("1.5", "Please enter the quantity as a whole number."),
        ("", "Please enter the quantity as a whole number."),
        ("19", "Only 20 of this item are in stock."),  # 1 already in the cart + 19 = 20 is fine ...
    ][:-1]
    + [("20", "Only 20 of this item are in stock.")],  # ... 1 + 20 is not
)
def test_bad_quantities_are_refused_with_a_clear_message_and_nothing_changes(shop, raw, message):
    cart = cart_with((shop.soap, 1))

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, shop.soap.pk, raw, anonymous())

    assert error.value.message == message
    assert lines_of(cart) == [(shop.soap.pk, 1)]


def test_out_of_stock_variant_is_refused(shop):
    empty = make_variant(shop.seife, stock=0)
    cart = cart_with((shop.soap, 1))

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, empty.pk, 1, anonymous())

    assert error.value.message == "This item is out of stock."
    assert lines_of(cart) == [(shop.soap.pk, 1)]


def test_backorder_variant_can_be_ordered_beyond_stock(shop):
    variant = make_variant(shop.seife, stock=0, backorder_allowed=True)
    cart = Cart.objects.create()

    cart_lines.add_item(cart, variant.pk, 5, anonymous())

    assert lines_of(cart) == [(variant.pk, 5)]


def test_inactive_variant_is_refused(shop):
    inactive = make_variant(shop.seife, active=False)
    cart = cart_with((shop.soap, 1))

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, inactive.pk, 1, anonymous())

    assert error.value.message == "This item is not available."
    assert lines_of(cart) == [(shop.soap.pk, 1)]


def test_variant_of_an_unpublished_product_is_refused(shop):
    shop.minze.unpublish()
    cart = cart_with((shop.soap, 1))

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, shop.tea.pk, 1, anonymous())

    assert error.value.message == "This item is not available."
    assert lines_of(cart) == [(shop.soap.pk, 1)]


@pytest.mark.parametrize("variant_id", ["999999", "abc", "", None])
def test_unknown_variant_ids_are_refused(shop, variant_id):
    cart = Cart.objects.create()

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, variant_id, 1, anonymous())

    assert error.value.message == "This item is not available."
    assert not CartLine.objects.exists()


def test_b2b_buyer_must_order_pack_multiples(shop):
    VariantQuantityRule.objects.create(variant=shop.soap, b2b_min_quantity=6, b2b_pack_multiple=6)
    company = make_company(buyer=make_user("einkauf"))
    cart = cart_with((shop.tea, 1))

    with pytest.raises(CartError) as error:
        cart_lines.add_item(cart, shop.soap.pk, 7, PriceContext.for_company(company))

    assert error.value.message == "This item is only available in multiples of 6."
    assert lines_of(cart) == [(shop.tea.pk, 1)]


def test_b2b_pack_multiple_counts_the_whole_line(shop):
    VariantQuantityRule.objects.create(variant=shop.soap, b2b_min_quantity=6, b2b_pack_multiple=6)
    company = make_company(buyer=make_user("einkauf"))
    cart = cart_with((shop.soap, 6))

    cart_lines.add_item(cart, shop.soap.pk, 6, PriceContext.for_company(company))

    assert lines_of(cart) == [(shop.soap.pk, 12)]


def test_set_quantity_changes_the_line(shop):
    cart = cart_with((shop.soap, 1))
    line = cart.lines.get()

    cart_lines.set_quantity(cart, line.pk, "4", anonymous())

    assert lines_of(cart) == [(shop.soap.pk, 4)]


@pytest.mark.parametrize("raw", ["0", "-1", "10000", "abc", "21"])
def test_set_quantity_refuses_bad_input_and_keeps_the_line(shop, raw):
    cart = cart_with((shop.soap, 2))

    with pytest.raises(CartError):
        cart_lines.set_quantity(cart, cart.lines.get().pk, raw, anonymous())

    assert lines_of(cart) == [(shop.soap.pk, 2)]


def test_another_carts_line_cannot_be_changed_or_removed(shop):
    mine = cart_with((shop.soap, 1))
    theirs = cart_with((shop.tea, 3))
    their_line = theirs.lines.get()

    with pytest.raises(CartError) as change:
        cart_lines.set_quantity(mine, their_line.pk, 1, anonymous())
    with pytest.raises(CartError) as remove:
        cart_lines.remove_line(mine, their_line.pk)

    assert change.value.message == remove.value.message == "This item is not in your cart."
    assert lines_of(theirs) == [(shop.tea.pk, 3)]


def test_remove_line(shop):
    cart = cart_with((shop.soap, 1), (shop.tea, 2))

    cart_lines.remove_line(cart, cart.lines.get(variant=shop.soap).pk)

    assert lines_of(cart) == [(shop.tea.pk, 2)]


def test_merge_adds_up_same_variants_and_moves_the_rest(shop):
    user = make_user("erika")
    user_cart = cart_with((shop.soap, 2), user=user)
    anonymous_cart = cart_with((shop.soap, 3), (shop.tea, 1))

    cart_lines.merge_carts(anonymous_cart, user_cart)

    assert sorted(lines_of(user_cart)) == sorted([(shop.soap.pk, 5), (shop.tea.pk, 1)])
    assert not Cart.objects.filter(pk=anonymous_cart.pk).exists()


def test_merge_caps_at_stock(shop):
    user = make_user("erika")
    user_cart = cart_with((shop.soap, 15), user=user)
    anonymous_cart = cart_with((shop.soap, 15))

    cart_lines.merge_carts(anonymous_cart, user_cart)

    assert lines_of(user_cart) == [(shop.soap.pk, 20)]


def test_expired_anonymous_carts_are_deleted_but_customers_carts_kept(shop):
    import datetime

    from django.utils import timezone

    from commerce.cart.tasks import delete_expired_carts

    old, fresh = cart_with((shop.soap, 1)), cart_with((shop.soap, 1))
    customer = cart_with((shop.soap, 1), user=make_user("erika"))
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Cart.objects.filter(pk__in=[old.pk, customer.pk]).update(updated_at=long_ago)

    delete_expired_carts()

    assert set(Cart.objects.values_list("pk", flat=True)) == {fresh.pk, customer.pk}


def test_reorder_adds_what_can_still_be_ordered(shop, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    from commerce.orders.tests.factories import order_for

    order = order_for(shop.soap, 2)
    ProductVariant.objects.filter(pk=shop.soap.pk).update(stock_quantity=1)
    session = SessionStore()
    cart = cart_lines.find_cart(session, AnonymousUser(), create=True)

    added, problems = cart_lines.add_order_lines(cart, order, anonymous())

    assert (added, len(problems)) == (0, 1)
    assert problems[0].endswith("Only 1 of this item are in stock.")
