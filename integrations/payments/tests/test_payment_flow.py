"""Paying an order through the Vendo sandbox: postback → order paid → email → parcel (real HTTP, live server)."""

import logging

import pytest
import requests

from commerce.orders.models import OrderEvent, OrderStatus
from commerce.orders.services import cancel_order
from integrations.models import PaymentNotificationLog
from integrations.payments.models import PaymentTransaction, TransactionKind, TransactionStatus
from integrations.shipping.models import Shipment, ShipmentStatus
from integrations.tests.shop import buyer_mails, pay, staff_mails, vendo_order
from testing.providers import POSTBACK_TOKEN

pytestmark = pytest.mark.django_db(transaction=True)


def status_changes(order):
    return OrderEvent.objects.filter(order=order, type="status_changed").count()


def test_paying_on_the_hosted_page_marks_the_order_paid(shop, vendo_sandbox):
    order = vendo_order()

    response = pay(order)

    [payment] = PaymentTransaction.objects.filter(order=order, kind=TransactionKind.POSTBACK)
    assert response.status_code == 303
    assert order.status == OrderStatus.PAID
    assert (payment.status, payment.amount, payment.provider_reference) == (
        TransactionStatus.SUCCEEDED,
        order.total_gross,
        next(iter(vendo_sandbox.transactions)),
    )


def test_a_paid_order_gets_its_confirmation_email_once(shop, mailoutbox):
    order = vendo_order()

    pay(order)

    assert len(buyer_mails(mailoutbox, order)) == 1


def test_a_paid_order_gets_its_parcel_label_and_tracking(shop, sendcloud_sandbox):
    order = vendo_order()

    pay(order)

    shipment = Shipment.objects.get(order=order)
    [parcel] = sendcloud_sandbox.parcels.values()
    assert (shipment.status, shipment.provider_parcel_id, shipment.reference) == (
        ShipmentStatus.LABEL_CREATED,
        str(parcel["id"]),
        order.number,
    )
    assert shipment.label.open("rb").read().startswith(b"%PDF")
    assert (order.tracking_number, order.tracking_url) == (parcel["tracking_number"], parcel["tracking_url"])


def test_a_postback_replayed_100_times_changes_the_order_once_and_mails_once(
    shop, vendo_sandbox, sendcloud_sandbox, mailoutbox
):
    order = vendo_order()
    pay(order)
    transaction_id = next(iter(vendo_sandbox.transactions))

    deliveries = vendo_sandbox.send_postback(transaction_id, times=100)

    assert all(d["status"] == 200 and "<code>1</code>" in d["body"] for d in deliveries)
    assert len(deliveries) == 100
    assert status_changes(order) == 1
    assert len(buyer_mails(mailoutbox, order)) == 1
    assert PaymentTransaction.objects.filter(kind=TransactionKind.POSTBACK).count() == 1
    assert len(sendcloud_sandbox.parcels) == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"amount": "1.00"}, "amount_mismatch"),
        ({"currency": "USD"}, "currency_mismatch"),
        ({"merchant_reference": "NW-2099-999999"}, "unknown_reference"),
        ({"merchant_id": "666"}, "wrong_account"),
    ],
)
def test_a_tampered_postback_is_refused_with_code_2_and_changes_nothing(
    shop, vendo_sandbox, mailoutbox, caplog, overrides, code
):
    order = vendo_order()
    transaction = vendo_sandbox._create_transaction(
        reference=order.number, amount=order.total_gross, currency="EUR", customer={}
    )
    vendo_sandbox.postback_attempts = 1

    with caplog.at_level(logging.WARNING, logger="integrations"):
        [delivery] = vendo_sandbox.send_postback(transaction["id"], overrides=overrides)

    order.refresh_from_db()
    assert (delivery["status"], "<code>2</code>" in delivery["body"]) == (200, True)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert PaymentTransaction.objects.filter(kind=TransactionKind.POSTBACK).count() == 0
    assert PaymentNotificationLog.objects.get().rejection_code == code
    assert mailoutbox == []
    assert f"vendo postback rejected: {code}" in caplog.text


@pytest.mark.parametrize("token", ["forged-token", ""])
def test_a_postback_with_a_forged_token_is_forbidden_and_changes_nothing(
    shop, live_server, vendo_sandbox, caplog, token
):
    order = vendo_order()
    transaction = vendo_sandbox._create_transaction(
        reference=order.number, amount=order.total_gross, currency="EUR", customer={}
    )

    with caplog.at_level(logging.WARNING, logger="integrations"):
        response = requests.post(
            f"{live_server.url}/integrations/vendo/postback/{token or POSTBACK_TOKEN[:-1]}/",
            data=vendo_sandbox.postback_fields(transaction["id"]),
            timeout=5,
        )

    order.refresh_from_db()
    assert response.status_code == 403
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert PaymentNotificationLog.objects.count() == 0
    assert "vendo postback rejected: invalid_token" in caplog.text


def test_a_postback_for_a_cancelled_order_is_recorded_alerts_staff_and_does_not_revive_it(
    shop, vendo_sandbox, mailoutbox
):
    order = vendo_order()
    link_paid_later = vendo_sandbox._create_transaction(
        reference=order.number, amount=order.total_gross, currency="EUR", customer={}
    )
    cancel_order(order, actor="system", note="expired")

    [delivery] = vendo_sandbox.send_postback(link_paid_later["id"])

    order.refresh_from_db()
    payment = PaymentTransaction.objects.get(order=order, kind=TransactionKind.POSTBACK)
    [alert] = staff_mails(mailoutbox)
    assert "<code>1</code>" in delivery["body"]
    assert order.status == OrderStatus.CANCELLED
    assert (payment.status, payment.provider_reference) == (TransactionStatus.FLAGGED, link_paid_later["id"])
    assert order.number in alert.subject
    # Only the cancellation ("wurde storniert"), no payment confirmation for the late money.
    assert [m.subject for m in buyer_mails(mailoutbox, order)] == [f"Ihre Bestellung {order.number} wurde storniert"]
    assert Shipment.objects.count() == 0


def test_a_declined_payment_leaves_the_order_pending(shop, vendo_sandbox):
    order = vendo_order()

    response = pay(order, "decline")

    assert response.headers["Location"].endswith(f"/payment/{order.uuid}/return/decline/")
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert vendo_sandbox.postbacks == []
