"""The buyer's payment pages: waiting for the postback, decline → retry, pay again, access rules."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.orders.access import PLACED_ORDERS_SESSION_KEY as SESSION_PLACED_ORDERS
from commerce.orders.models import OrderStatus
from commerce.orders.services import mark_paid
from integrations.payments.models import PaymentTransaction, TransactionKind, TransactionStatus
from integrations.tests.shop import vendo_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    return vendo_order()


@pytest.fixture
def buyer(client, order):
    session = client.session
    session[SESSION_PLACED_ORDERS] = [str(order.uuid)]
    session.save()
    return client


def test_success_return_shows_payment_being_confirmed_until_the_postback_arrives(buyer, order):
    response = buyer.get(reverse("payments:return-success", args=[order.uuid]))

    assert response.status_code == 200
    assert f'data-status-url="{reverse("payments:status", args=[order.uuid])}"' in response.text
    assert "js/payment-status.js" in response.text
    assert "<script>" not in response.text


def test_status_endpoint_is_private_json(buyer, order):
    response = buyer.get(reverse("payments:status", args=[order.uuid]))

    assert response.json() == {"status": "pending_payment", "paid": False, "redirect_url": ""}
    assert "no-store" in response["Cache-Control"]


def test_status_endpoint_reports_paid_with_the_confirmation_url(buyer, order):
    mark_paid(order, actor="vendo")

    response = buyer.get(reverse("payments:status", args=[order.uuid]))

    assert response.json() == {
        "status": "paid",
        "paid": True,
        "redirect_url": reverse("orders:confirmation", args=[order.uuid]),
    }


def test_success_return_of_a_paid_order_redirects_to_the_confirmation(buyer, order):
    mark_paid(order, actor="vendo")

    response = buyer.get(reverse("payments:return-success", args=[order.uuid]))

    assert response.status_code == 302
    assert response["Location"] == reverse("orders:confirmation", args=[order.uuid])


def test_decline_return_leads_to_the_retry_page_with_a_message(buyer, order):
    response = buyer.get(reverse("payments:return-decline", args=[order.uuid]), follow=True)

    order.refresh_from_db()
    assert response.redirect_chain == [(reverse("payments:payment", args=[order.uuid]), 302)]
    assert "The payment was declined or cancelled." in response.text
    assert 'id="pay-now"' in response.text
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_pay_now_re_signs_a_payment_link(buyer, order, settings):
    response = buyer.post(reverse("payments:start", args=[order.uuid]))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{settings.VENDO_BASE_URL}/v/signup?")
    assert f"ref={order.number}" in response["Location"]
    assert re.search(r"&signature=[A-Za-z0-9_-]+$", response["Location"])
    assert PaymentTransaction.objects.get(order=order).kind == TransactionKind.START


def test_payment_start_failure_shows_a_clear_message_and_keeps_the_order(buyer, order):
    type(order).objects.filter(pk=order.pk).update(currency="CHF")  # Vendo refuses it: a provider error

    response = buyer.post(reverse("payments:start", args=[order.uuid]), follow=True)

    order.refresh_from_db()
    assert "The payment provider cannot be reached right now, please try again." in response.text
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert PaymentTransaction.objects.get(order=order).status == TransactionStatus.FAILED


def test_a_paid_order_cannot_be_paid_again(buyer, order):
    mark_paid(order, actor="vendo")

    response = buyer.post(reverse("payments:start", args=[order.uuid]), follow=True)

    assert "This order is not awaiting an online payment." in response.text
    assert PaymentTransaction.objects.count() == 0


@pytest.mark.parametrize("name", ["payments:payment", "payments:return-success", "payments:status"])
def test_a_stranger_gets_404(client, order, name):
    assert client.get(reverse(name, args=[order.uuid])).status_code == 404


def test_the_buyer_account_sees_its_order_without_a_session_entry(client, order):
    user = get_user_model().objects.create_user("erika", "erika@example.com", "pw")
    type(order).objects.filter(pk=order.pk).update(user=user)
    client.force_login(user)

    assert client.get(reverse("payments:payment", args=[order.uuid])).status_code == 200
