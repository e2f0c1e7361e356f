"""One set of totals: the cart page, the mini cart, the review, the confirmation page and the order
e-mail show the same subtotal, discount, shipping, VAT per rate and total; the cart pages never
ask a shipping provider; the services run without a request."""

from __future__ import annotations

import socket
from decimal import Decimal

import pytest

from commerce.cart.lines import add_item, find_cart
from commerce.cart.tests.factories import anonymous, make_code
from commerce.checkout.priced import Customer, price_checkout
from commerce.checkout.services import STEP_REQUIREMENTS, missing_for, place_checkout
from commerce.checkout.session import CheckoutSession
from commerce.orders.models import Order

from .flow import ADDRESS, add, place, shown_in_html, shown_in_text, to_review

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def connections(monkeypatch):
    """Every outgoing network connection the code under test opens (the test database is SQLite)."""
    opened = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        opened.append(address)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return opened


def test_promo_order_shows_one_set_of_totals_everywhere(client, shop, mailoutbox, django_capture_on_commit_callbacks):
    make_code("SOMMER10", value="10")
    add(client, shop.tea, 3)  # 32.10 at 7 %
    add(client, shop.soap, 1)  # 11.90 at 19 %
    client.post("/cart/promo/", {"code": "sommer10"})

    cart_page = client.get("/cart/").content.decode()
    mini_cart = client.get("/cart/mini/").content.decode()
    review, token = to_review(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client, token)
    confirmation = client.get(response["Location"]).content.decode()

    # 44.00 − 4.40 = 39.60 goods (below the free-shipping threshold): 4.90 shipping split 7 % / 19 %.
    expected = {
        "subtotal": "44,00 €",
        "discount": "4,40 €",
        "shipping": "4,90 €",
        "vat": {"19": "1,91 €", "7": "2,13 €"},
        "total": "44,50 €",
    }
    email = mailoutbox[0]
    assert shown_in_html(cart_page) == expected
    assert shown_in_html(review.content.decode()) == expected
    assert shown_in_html(confirmation) == expected
    assert shown_in_html(email.alternatives[0][0]) == expected
    assert shown_in_text(email.body, shipping_name="DHL Paket") == expected
    assert '<span class="mini-cart__total">44,50\xa0€</span>' in mini_cart
    order = Order.objects.get()
    assert (order.discount_gross, order.shipping_gross, order.total_gross) == (
        Decimal("4.40"),
        Decimal("4.90"),
        Decimal("44.50"),
    )


def test_cart_page_and_mini_cart_never_ask_a_shipping_provider(client, shop, connections):
    add(client, shop.soap, 1)
    client.post("/cart/add/", {"variant": shop.tea.pk, "quantity": "1"}, HTTP_SEC_FETCH_SITE="same-origin", **HX)

    assert client.get("/cart/").status_code == 200
    assert client.get("/cart/mini/").status_code == 200
    client.post("/checkout/address/", {"email": "erika@example.com", **ADDRESS})
    assert client.get("/cart/mini/").status_code == 200  # with a delivery address, too

    assert connections == []


def test_the_delivery_step_does_ask_the_shipping_provider(client, shop, connections):
    """The probe above sees provider calls: the checkout asks Sendcloud (a closed port in tests)."""
    add(client, shop.soap, 1)
    client.post("/checkout/address/", {"email": "erika@example.com", **ADDRESS})

    assert client.get("/checkout/delivery/").status_code == 200

    assert connections != []


def test_the_services_place_an_order_without_a_request(shop):
    """What an API view would do: a session store of its own, explicit cart, context and customer."""
    session = CheckoutSession({})
    cart = find_cart(session.session, None, create=True)
    add_item(cart, shop.soap.pk, 2, anonymous())
    context, customer = anonymous(), Customer()
    shipping = {key.removeprefix("shipping-"): value for key, value in ADDRESS.items() if key.startswith("shipping-")}
    session.save_addresses(email="api@example.com", shipping=shipping, billing=None)
    priced = price_checkout(cart, context, customer, session)
    assert missing_for("review", priced, session) is STEP_REQUIREMENTS["review"][2]  # methods not chosen yet
    session.save_methods(shipping_method="zone:dhl-paket", payment_method="prepayment")
    priced = price_checkout(cart, context, customer, session)
    assert missing_for("review", priced, session) is None
    session.remember_fingerprint(priced.fingerprint)

    order = place_checkout(cart, context, customer, session, session.review_token(), language="de")

    assert (order.email, order.total_gross, order.shipping_gross) == (
        "api@example.com",
        priced.shown.total_gross,
        Decimal("4.90"),
    )
    assert session.session["placed_orders"] == [str(order.uuid)]
    assert "checkout" not in session.session
