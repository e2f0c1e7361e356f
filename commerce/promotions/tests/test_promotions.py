"""Promo codes: every refusal has its message, discounts never go below zero, usage counted once."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from commerce.cart.promo import apply_code
from commerce.cart.summary import summarize_cart as summarize_goods
from commerce.cart.tests.factories import anonymous, cart_with, make_code
from commerce.checkout.tests.flow import priced as summarize_cart
from commerce.orders.tests.factories import order_for
from commerce.pricing.context import PriceContext
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user
from commerce.promotions.errors import PromoError
from commerce.promotions.models import PromoCode, PromoCodeUsage
from commerce.promotions.services import record_usage

NOW = timezone.now()


def apply(cart, raw, context=None, **kwargs):
    kwargs.setdefault("session_key", "s1")
    kwargs.setdefault("ip", "10.0.0.1")
    return apply_code(cart, raw, summarize_goods(cart, context or anonymous()), **kwargs)


def refusal(cart, raw, **kwargs) -> str:
    with pytest.raises(PromoError) as error:
        apply(cart, raw, **kwargs)
    assert not cart.promo_codes.exists()
    return error.value.message


def test_code_is_applied_case_insensitively(shop):
    code = make_code("SOMMER10")
    cart = cart_with((shop.soap, 1))

    assert apply(cart, "  sommer10 ") == code
    assert list(cart.promo_codes.all()) == [code]


def test_code_is_unique_case_insensitively(shop):
    make_code("SOMMER10")
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        PromoCode.objects.create(code="sommer10", value=Decimal(5))


def test_unknown(shop):
    assert refusal(cart_with((shop.soap, 1)), "NOPE") == "This promo code does not exist."


def test_inactive_looks_unknown(shop):
    make_code("OLD", active=False)
    assert refusal(cart_with((shop.soap, 1)), "OLD") == "This promo code does not exist."


def test_expired(shop):
    make_code("OLD", valid_until=NOW - datetime.timedelta(days=1))
    assert refusal(cart_with((shop.soap, 1)), "OLD") == "This promo code has expired."


def test_not_yet_valid(shop):
    make_code("SOON", valid_from=NOW + datetime.timedelta(days=1))
    assert refusal(cart_with((shop.soap, 1)), "SOON") == "This promo code is not valid yet."


def test_minimum_not_reached(shop):
    make_code("BIG", minimum_order_value=Decimal("50.00"))
    assert refusal(cart_with((shop.soap, 1)), "BIG") == "This promo code needs a minimum order value of 50.00 €."


def test_usage_limit_reached(shop):
    code = make_code("ONCE", usage_limit=1)
    PromoCode.objects.filter(pk=code.pk).update(times_used=1)
    assert refusal(cart_with((shop.soap, 1)), "ONCE") == "This promo code has been used up."


def test_already_used_by_this_customer(shop):
    code = make_code("WELCOME", per_customer_limit=1)
    PromoCodeUsage.objects.create(code=code, order=order_for(shop.soap), email="erika@example.com")
    message = refusal(cart_with((shop.soap, 1)), "WELCOME", email="Erika@Example.com")
    assert message == "You have already used this promo code."


def test_b2c_code_is_not_for_business_accounts(shop):
    make_code("RETAIL", audience="b2c")
    context = PriceContext.for_company(make_company(buyer=make_user("einkauf")))
    message = refusal(cart_with((shop.soap, 1)), "RETAIL", context=context)
    assert message == "This promo code is not valid for your customer account."


def test_b2b_code_is_not_for_consumers(shop):
    make_code("TRADE", audience="b2b")
    assert refusal(cart_with((shop.soap, 1)), "TRADE") == "This promo code is not valid for your customer account."


def test_second_code_is_not_combinable(shop):
    cart = cart_with((shop.soap, 1))
    apply(cart, make_code("FIRST", combinable=True).code)
    make_code("SECOND", combinable=False)

    with pytest.raises(PromoError) as error:
        apply(cart, "SECOND")

    assert error.value.message == "This promo code cannot be combined with the other code in your cart."
    assert [c.code for c in cart.promo_codes.all()] == ["FIRST"]


def test_combinable_codes_stack(shop):
    cart = cart_with((shop.soap, 10))  # 119.00
    apply(cart, make_code("TEN", value="10", combinable=True).code)
    apply(cart, make_code("FIVE", kind="fixed", value="5", combinable=True).code)

    summary = summarize_cart(cart, anonymous())

    assert summary.totals.discount_gross == Decimal("16.90")  # 11.90 + 5.00


def test_fixed_code_never_discounts_below_zero(shop):
    cart = cart_with((shop.soap, 1))
    apply(cart, make_code("HUNDRED", kind="fixed", value="100").code)

    summary = summarize_cart(cart, anonymous())

    assert summary.totals.discount_gross == Decimal("11.90")
    assert summary.totals.subtotal_gross == Decimal("0.00")
    assert summary.totals.total_gross == summary.shipping.gross


def test_percent_never_above_100(shop):
    cart = cart_with((shop.soap, 1))
    apply(cart, make_code("ALL", value="150").code)

    assert summarize_cart(cart, anonymous()).totals.subtotal_gross == Decimal("0.00")


def test_percent_applies_to_scoped_category_only(shop):
    code = make_code("TEA20", value="20")
    code.categories.add(shop.tee)
    cart = cart_with((shop.soap, 1), (shop.tea, 1))
    apply(cart, "TEA20")

    summary = summarize_cart(cart, anonymous())

    assert [line.discount_gross for line in summary.summary.lines] == [Decimal("0.00"), Decimal("2.14")]


def test_scoped_code_without_matching_items_is_refused(shop):
    code = make_code("TEA20", value="20")
    code.brands.add(shop.savon)
    assert refusal(cart_with((shop.tea, 1)), "TEA20") == "This promo code does not apply to the items in your cart."


def test_free_shipping_code(shop):
    cart = cart_with((shop.soap, 1))
    apply(cart, make_code("SHIP", kind="free_shipping", value="0").code)

    summary = summarize_cart(cart, anonymous())

    assert summary.shipping.gross == Decimal("0.00")
    assert summary.totals.total_gross == Decimal("11.90")


def test_code_does_not_stack_on_b2b_price_list_prices_unless_allowed(shop):
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "8.90"})
    company = make_company(price_list=price_list, buyer=make_user("einkauf"))
    context = PriceContext.for_company(company)
    cart = cart_with((shop.soap, 1), (shop.tea, 1))  # soap: list price; tea: retail net 10.00
    apply(cart, make_code("BOTH10", value="10", audience="both").code, context=context)

    lines = summarize_cart(cart, context).summary.lines

    assert [line.discount_gross for line in lines] == [Decimal("0.00"), Decimal("1.07")]  # 10 % of 10.70 gross


def test_code_allowed_on_b2b_net_prices_discounts_list_prices(shop):
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "8.90"})
    company = make_company(price_list=price_list, buyer=make_user("einkauf"))
    context = PriceContext.for_company(company)
    cart = cart_with((shop.soap, 1))
    apply(cart, make_code("NET10", value="10", audience="both", applies_to_b2b_net=True).code, context=context)

    summary = summarize_cart(cart, context)

    assert summary.summary.lines[0].total == Decimal("8.01")  # 8.90 − 0.89 net


@override_settings(PROMO_CODE_MAX_FAILED_ATTEMPTS=3)
def test_failed_attempts_are_rate_limited_per_session(shop):
    make_code("REAL")
    cart = cart_with((shop.soap, 1))
    for guess in ["A1", "A2", "A3"]:
        refusal(cart, guess, session_key="s1", ip=None)

    message = refusal(cart, "REAL", session_key="s1", ip=None)

    assert message == "Too many invalid promo codes. Please try again in a few minutes."
    assert apply(cart, "REAL", session_key="other-session", ip=None).code == "REAL"


@override_settings(PROMO_CODE_MAX_FAILED_ATTEMPTS=3)
def test_failed_attempts_are_rate_limited_per_ip_across_sessions(shop):
    make_code("REAL")
    cart = cart_with((shop.soap, 1))
    for n in range(3):
        refusal(cart, f"GUESS{n}", session_key=f"session-{n}", ip="10.0.0.9")

    message = refusal(cart, "REAL", session_key="fresh", ip="10.0.0.9")

    assert message == "Too many invalid promo codes. Please try again in a few minutes."


def test_record_usage_counts_once_per_order(shop):
    code = make_code("ONCE", usage_limit=5)
    order = order_for(shop.soap)

    with transaction.atomic():
        record_usage(order, [code], None, "erika@example.com")
        record_usage(order, [code], None, "erika@example.com")

    code.refresh_from_db()
    assert code.times_used == 1
    assert PromoCodeUsage.objects.filter(code=code, order=order).count() == 1


def test_record_usage_of_an_exhausted_code_fails_and_writes_nothing(shop):
    code = make_code("ONCE", usage_limit=1)
    PromoCode.objects.filter(pk=code.pk).update(times_used=1)
    order = order_for(shop.soap)

    with pytest.raises(PromoError) as error, transaction.atomic():
        record_usage(order, [code], None, "erika@example.com")

    assert error.value.message == "This promo code has been used up."
    assert not PromoCodeUsage.objects.exists()


def test_record_usage_checks_the_per_customer_limit_under_the_lock(shop):
    code = make_code("WELCOME", per_customer_limit=1)
    first, second = order_for(shop.soap, key=uuid.uuid4().hex), order_for(shop.soap, key=uuid.uuid4().hex)
    with transaction.atomic():
        record_usage(first, [code], None, "erika@example.com")

    with pytest.raises(PromoError) as error, transaction.atomic():
        record_usage(second, [code], None, "ERIKA@example.com")

    assert error.value.message == "You have already used this promo code."
    code.refresh_from_db()
    assert code.times_used == 1
