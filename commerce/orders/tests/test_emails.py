import pytest
from django.core import mail

from commerce.notifications.models import Notification
from commerce.orders.notifications import send_order_confirmation

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bank(settings, document_roots):
    settings.PREPAYMENT_BANK_ACCOUNT = {"holder": "Naturwest GmbH", "iban": "DE02120300000000202051", "bic": "BYLA"}


def test_prepayment_confirmation_has_bank_details_in_text_and_html(django_capture_on_commit_callbacks):
    order = order_for(make_variant(), email="erika@example.com", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        send_order_confirmation(order)

    message = mail.outbox[0]
    assert message.to == ["erika@example.com"]
    assert message.subject == f"Your order {order.number} at Naturwest"
    assert "DE02120300000000202051" in message.body
    assert "DE02120300000000202051" in message.alternatives[0].content
    assert message.attachments == []


def test_invoice_order_confirmation_attaches_the_invoice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")
        send_order_confirmation(order)

    message = mail.outbox[0]
    name, content, mimetype = message.attachments[0]
    assert name == f"{order.invoice.number}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    assert "DE02120300000000202051" not in message.body


def test_confirmation_is_sent_once_per_order(django_capture_on_commit_callbacks):
    order = order_for(make_variant())

    with django_capture_on_commit_callbacks(execute=True):
        send_order_confirmation(order)
        send_order_confirmation(order)

    assert len(mail.outbox) == 1
    assert Notification.objects.get().dedupe_key == f"order_confirmation:{order.pk}"


def test_confirmation_keeps_the_order_language():
    order = order_for(make_variant(), language="en")

    send_order_confirmation(order)

    assert Notification.objects.get().language == "en"
