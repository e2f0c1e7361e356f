"""Placing claims the cart: the lines priced must still be there, and an ordered cart is ordered once."""

from __future__ import annotations

import pytest

from commerce.cart import lines as cart_lines
from commerce.cart.models import Cart
from commerce.cart.summary import summarize_cart
from commerce.orders.tests.factories import order_for

from .factories import anonymous, cart_with


def _priced(cart):
    return summarize_cart(cart, anonymous()).priced_lines()


def test_claim_returns_the_locked_cart_when_it_holds_what_was_priced(shop):
    cart = cart_with((shop.soap, 2), (shop.tea, 1))

    assert cart_lines.claim_cart(cart, _priced(cart)) == cart


def test_claim_refuses_a_cart_whose_lines_changed_after_pricing(shop):
    cart = cart_with((shop.soap, 2))
    priced = _priced(cart)
    cart.lines.update(quantity=3)

    with pytest.raises(cart_lines.CartChangedWhilePlacing):
        cart_lines.claim_cart(cart, priced)


def test_an_ordered_cart_names_its_order_to_the_next_claim(shop):
    cart = cart_with((shop.soap, 2))
    priced = _priced(cart)
    order = order_for(shop.soap, 2)

    cart_lines.cart_ordered(cart, order)

    with pytest.raises(cart_lines.CartAlreadyOrdered) as already:
        cart_lines.claim_cart(cart, priced)
    assert already.value.order == order
    assert cart_lines.already_ordered(Cart.objects.get(pk=cart.pk)) == order
    assert not cart.lines.exists()


def test_a_refilled_cart_is_no_longer_already_ordered(shop):
    cart = cart_with((shop.soap, 2))
    cart_lines.cart_ordered(cart, order_for(shop.soap, 2))

    cart_lines.add_item(cart, shop.soap.pk, "1", anonymous())

    assert cart_lines.already_ordered(Cart.objects.get(pk=cart.pk)) is None


def test_a_cart_loaded_before_another_session_ordered_it_still_names_the_order(shop):
    cart = cart_with((shop.soap, 2))
    loaded_by_the_second_session = Cart.objects.get(pk=cart.pk)
    order = order_for(shop.soap, 2)

    cart_lines.cart_ordered(cart, order)

    assert cart_lines.already_ordered(loaded_by_the_second_session) == order
