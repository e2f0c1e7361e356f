"""Customer emails about orders, one function per occasion, written to the outbox.

The order actions in services.py call them inside their transaction, so the outbox row commits
with the transition and the email leaves after commit. Each one is deduplicated per order and
kind (the outbox's unique key): a replayed webhook, a double click or a second caller sends one email.
"""

from __future__ import annotations

from commerce.notifications.services import notify

from .models import Order
from .seller import bank_account


def _notify(kind: str, order: Order, **context):
    return notify_order(kind, order, dedupe_key=f"{kind}:{order.pk}", **context)


def notify_order(kind: str, order: Order, *, dedupe_key: str, to: str = "", **context):
    """An e-mail to the order's customer (or `to`) in the order's language, sent once per `dedupe_key`."""
    return notify(
        kind,
        to=to or order.email,
        context=context,
        language=order.language,
        order=order,
        dedupe_key=dedupe_key,
    )


def send_order_confirmation(order: Order):
    """The order confirmation: the invoice PDF attached when issued, the bank details for prepayment.

    Checkout calls this after `place_order` for prepayment/invoice orders; the Vendo postback
    receiver calls it when the payment is confirmed. Invoice orders get their invoice issued first.
    """
    from .invoices import is_invoiceable, issue_invoice

    if is_invoiceable(order):
        issue_invoice(order)
    bank = bank_account() if order.payment_method == "prepayment" and order.paid_at is None else None
    return _notify("order_confirmation", order, bank=bank)


def send_payment_received(order: Order):
    return _notify("payment_received", order)


def send_order_shipped(order: Order):
    return _notify("order_shipped", order)


def send_order_delivered(order: Order):
    return _notify("order_delivered", order)


def send_order_cancelled(order: Order, *, refund_due: bool = False):
    return _notify("order_cancelled", order, refund_due=refund_due)
