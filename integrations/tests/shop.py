"""Helpers for the order-wiring tests: real orders (commerce.orders factories), real payments on the sandbox."""

from __future__ import annotations

import requests
from django.test import RequestFactory

from commerce.orders.models import Order
from commerce.orders.tests.factories import make_variant, order_for
from integrations.payments.tests.test_vendo_client import pay_on_hosted_page
from integrations.payments.vendo.method import VendoPayment
from testing.providers import STAFF


def vendo_order(*, price: str = "49.90", quantity: int = 1, **kwargs) -> Order:
    variant = make_variant(price=price, weight_grams=400)
    return order_for(variant, quantity, payment_method="vendo", **kwargs)


def payment_link(order: Order) -> str:
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    return VendoPayment().start(order, request).redirect_url


def pay(order: Order, outcome: str = "success") -> requests.Response:
    """The buyer pays on the sandbox's hosted page; the sandbox posts back to the live server before redirecting."""
    response = pay_on_hosted_page(payment_link(order), outcome)
    order.refresh_from_db()
    return response


def buyer_mails(outbox, order: Order) -> list:
    return [m for m in outbox if m.to == [order.email]]


def staff_mails(outbox) -> list:
    return [m for m in outbox if m.to == [STAFF]]
