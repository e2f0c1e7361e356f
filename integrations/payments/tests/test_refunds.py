"""Refunds through Vendo's S2S refund endpoint (sandbox over HTTP): full, partial, exceeding, failed, admin."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.orders.models import OrderStatus
from integrations.payments import services
from integrations.payments.models import PaymentTransaction, TransactionKind, TransactionStatus
from integrations.tests.shop import pay, vendo_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid_order(shop):
    order = vendo_order(price="45.01")  # + 4.99 shipping = 50.00
    pay(order)
    assert order.status == OrderStatus.PAID
    return order


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("staff", "staff@naturwest.example", "pw")


def refunds(order):
    return list(PaymentTransaction.objects.filter(order=order, kind=TransactionKind.REFUND).order_by("pk"))


def test_full_refund_refunds_the_order(paid_order, staff, vendo_sandbox):
    attempt = services.refund(paid_order, None, actor=staff)

    paid_order.refresh_from_db()
    [tx] = vendo_sandbox.transactions.values()
    assert (attempt.status, attempt.amount, attempt.actor_label) == (
        TransactionStatus.SUCCEEDED,
        Decimal("50.00"),
        "staff: staff@naturwest.example",
    )
    assert paid_order.status == OrderStatus.REFUNDED
    assert tx["refunded"] == Decimal("50.00")


def test_partial_refunds_until_everything_is_refunded(paid_order, staff):
    services.refund(paid_order, Decimal("10.00"), actor=staff)
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.PARTIALLY_REFUNDED

    services.refund(paid_order, Decimal("40.00"), actor=staff)

    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.REFUNDED
    assert [(r.amount, r.status) for r in refunds(paid_order)] == [
        (Decimal("10.00"), "succeeded"),
        (Decimal("40.00"), "succeeded"),
    ]


def test_a_refund_cannot_exceed_what_was_paid_minus_refunded(paid_order, staff):
    services.refund(paid_order, Decimal("30.00"), actor=staff)

    with pytest.raises(services.RefundNotAllowed) as refused:
        services.refund(paid_order, Decimal("20.01"), actor=staff)

    paid_order.refresh_from_db()
    assert str(refused.value.message) == "At most 20.00 EUR can still be refunded."
    assert len(refunds(paid_order)) == 1
    assert paid_order.status == OrderStatus.PARTIALLY_REFUNDED


def test_a_failed_refund_is_recorded_with_the_providers_message_and_changes_no_status(paid_order, staff, vendo_sandbox):
    vendo_sandbox.transactions[next(iter(vendo_sandbox.transactions))]["refunded"] = Decimal(
        "50.00"
    )  # refunded at Vendo

    attempt = services.refund(paid_order, Decimal("5.00"), actor=staff)

    paid_order.refresh_from_db()
    assert (attempt.status, attempt.error_message) == (TransactionStatus.FAILED, "Transaction already refunded")
    assert attempt.raw_payload["error"]["code"] == 5906
    assert paid_order.status == OrderStatus.PAID


def test_a_refund_during_a_provider_outage_is_recorded_as_failed(paid_order, staff, vendo_sandbox):
    vendo_sandbox.failures.arm("503", path="/api/gateway/refund")

    attempt = services.refund(paid_order, None, actor=staff)

    paid_order.refresh_from_db()
    assert attempt.status == TransactionStatus.FAILED
    assert attempt.error_message == "vendo: server error (HTTP 503)"
    assert paid_order.status == OrderStatus.PAID
    assert services.refundable_amount(paid_order) == Decimal("50.00")


def test_staff_refund_from_the_admin_shows_the_result(paid_order, staff, client):
    client.force_login(staff)

    response = client.post(reverse("integrations_order_refund", args=[paid_order.pk]), {"amount": "12,50"}, follow=True)

    paid_order.refresh_from_db()
    assert "12.50 EUR erstattet." in response.text  # "Refunded 12.50 EUR." (admin renders German)
    assert paid_order.status == OrderStatus.PARTIALLY_REFUNDED


def test_staff_see_a_failed_refund_with_the_providers_message(paid_order, staff, client, vendo_sandbox):
    vendo_sandbox.transactions[next(iter(vendo_sandbox.transactions))]["refunded"] = Decimal("50.00")
    client.force_login(staff)

    response = client.post(reverse("integrations_order_refund", args=[paid_order.pk]), {"amount": "1"}, follow=True)

    # "The refund failed: …" (admin renders German); the provider's message stays as it came.
    assert "Die Erstattung ist fehlgeschlagen: Transaction already refunded" in response.text


def test_every_successful_refund_gets_its_credit_note_by_email(paid_order, staff, document_roots, mailoutbox):
    from commerce.orders.models import CreditNote

    mailoutbox.clear()
    first = services.refund(paid_order, Decimal("10.00"), actor=staff)
    second = services.refund(paid_order, Decimal("40.00"), actor=staff)

    notes = list(CreditNote.objects.filter(order=paid_order).order_by("pk"))
    assert [(note.source, note.amount_gross) for note in notes] == [
        (f"refund:{first.pk}", Decimal("10.00")),
        (f"refund:{second.pk}", Decimal("40.00")),
    ]
    assert notes[0].number != notes[1].number
    assert all(note.invoice.order_id == paid_order.pk for note in notes)
    sent = [message for message in mailoutbox if message.attachments and message.attachments[0][0].startswith("KR-")]
    assert sorted(message.attachments[0][0] for message in sent) == sorted(note.filename for note in notes)


def test_a_failed_refund_creates_no_credit_note(paid_order, staff, vendo_sandbox, document_roots):
    from commerce.orders.models import CreditNote

    vendo_sandbox.transactions[next(iter(vendo_sandbox.transactions))]["refunded"] = Decimal("50.00")

    attempt = services.refund(paid_order, Decimal("5.00"), actor=staff)

    assert attempt.status == TransactionStatus.FAILED
    assert not CreditNote.objects.filter(order=paid_order).exists()
