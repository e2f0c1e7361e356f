"""Placing a Vendo order through the checkout: off to the hosted page, allowed by CSP; a refusal keeps the order."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from commerce.cart.tests.factories import make_shop
from commerce.checkout.tests.flow import add, place, to_review
from commerce.orders.models import Order, OrderStatus
from integrations.errors import ProviderUnavailable
from integrations.payments.vendo.client import VendoClient

VENDO_ORIGIN = "https://secure.vend-o.example"


@pytest.fixture
def catalogue(demo_site, settings):
    settings.VENDO_BASE_URL = f"{VENDO_ORIGIN}/"
    cache.clear()
    yield make_shop(demo_site.root_page.specific)
    cache.clear()


def form_action(response) -> str:
    directive = next(p for p in response["Content-Security-Policy"].split(";") if "form-action" in p)
    return directive.strip()


def test_review_page_lets_the_order_form_redirect_to_vendo(client, catalogue):
    add(client, catalogue.soap)

    review, _token = to_review(client, payment="vendo")

    assert form_action(review) == f"form-action 'self' {VENDO_ORIGIN}"


def test_review_page_of_prepayment_keeps_form_action_to_the_shop(client, catalogue):
    add(client, catalogue.soap)

    review, _token = to_review(client, payment="prepayment")

    assert form_action(review) == "form-action 'self'"


def test_placing_a_vendo_order_redirects_to_the_signed_hosted_page(client, catalogue):
    add(client, catalogue.soap)
    _review, token = to_review(client, payment="vendo")

    response = place(client, token)

    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert response.status_code == 302
    assert response["Location"].startswith(f"{VENDO_ORIGIN}/v/signup?")
    assert f"ref={order.number}" in response["Location"]


def test_provider_refusal_at_placement_keeps_the_order_and_offers_a_retry(client, catalogue, monkeypatch):
    def refuse(self, request):
        raise ProviderUnavailable("connection refused", provider="vendo")

    monkeypatch.setattr(VendoClient, "start_payment", refuse)
    add(client, catalogue.soap)
    _review, token = to_review(client, payment="vendo")

    response = place(client, token)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:payment", args=[order.uuid])
    assert order.status == OrderStatus.PENDING_PAYMENT
    page = client.get(response["Location"])
    assert "Zahlungsanbieter" in page.text
    assert form_action(page) == f"form-action 'self' {VENDO_ORIGIN}"
