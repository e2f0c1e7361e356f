"""Payment flows for orders: hand out a payment link, accept the provider's word, refund, reconcile.

An online payment method is a registered payment method (commerce.orders.providers) with a
`client()` that speaks `base.PaymentProvider`; its code is the order's payment method and the
provider name on its transactions. handlers.py calls `expected_payment_for` and
`receive_payment_notification` for every verified notification. Provider calls never happen
while we hold a row lock.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commerce.checkout import methods as checkout_methods
from commerce.notifications.services import notify_staff
from commerce.orders import providers
from commerce.orders import services as order_services
from commerce.orders.lock_objects import order_for_update
from commerce.orders.models import Order, OrderStatus
from commerce.orders.state import IllegalTransition, can_transition, transition
from integrations.errors import ProviderError
from integrations.payments.base import ExpectedPayment, PaymentNotification, PaymentRequest
from integrations.payments.models import PaymentTransaction, TransactionKind, TransactionStatus

logger = logging.getLogger("integrations.payments")


def online_method(code: str):
    """The registered payment method `code` if it pays through a provider, else None."""
    method = next((m for m in providers.payment_methods() if m.code == code), None)
    return method if hasattr(method, "client") else None


def online_method_codes() -> list[str]:
    return [method.code for method in providers.payment_methods() if hasattr(method, "client")]


def storable(payload) -> dict:
    """A provider answer as JSON-safe data (decimals become strings), for raw_payload."""
    if not isinstance(payload, dict):
        return {}
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


class PaymentStartFailed(checkout_methods.PaymentStartFailed):
    """The buyer could not be sent to the payment page; the order and cart are untouched."""

    def __init__(self, message=None, retry_url: str = ""):
        super().__init__(message or _("The payment provider cannot be reached right now, please try again."), retry_url)


def payment_reference(order: Order) -> str:
    """What the provider echoes back: the order number (unique, printed on the invoice)."""
    return order.number


# --- starting a payment -------------------------------------------------------------
def start_payment(order: Order, request, *, client=None) -> str:
    """A freshly signed hosted-payment URL for `order` (recorded as a `start` transaction).

    Raises PaymentStartFailed when the order cannot be paid online (any more) or the provider
    refuses; the order stays pending_payment so the buyer can retry from the payment page.
    """
    method = online_method(order.payment_method)
    if order.status != OrderStatus.PENDING_PAYMENT or method is None:
        raise PaymentStartFailed(_("This order is not awaiting an online payment."))
    client = client or method.client()
    address = order.billing_address
    payment_request = PaymentRequest(
        reference=payment_reference(order),
        amount=order.total_gross,
        currency=order.currency,
        customer_email=order.email,
        customer_first_name=address.first_name,
        customer_last_name=address.last_name,
        customer_country=address.country or "DE",
        language=order.language or "de",
        success_url=request.build_absolute_uri(reverse("payments:return-success", args=[order.uuid])),
        decline_url=request.build_absolute_uri(reverse("payments:return-decline", args=[order.uuid])),
    )
    try:
        redirect = client.start_payment(payment_request)
    except ProviderError as exc:
        PaymentTransaction.objects.create(
            order=order,
            provider=client.name,
            kind=TransactionKind.START,
            amount=order.total_gross,
            currency=order.currency,
            status=TransactionStatus.FAILED,
            error_message=str(exc)[:2000],
            raw_payload=client.redact({"error": str(exc)}),
        )
        logger.warning("payment start for %s failed: %s", order.number, exc)
        raise PaymentStartFailed() from exc
    PaymentTransaction.objects.create(
        order=order,
        provider=client.name,
        kind=TransactionKind.START,
        amount=order.total_gross,
        currency=order.currency,
        status=TransactionStatus.SUCCEEDED,
        raw_payload=client.redact({"url": redirect.url, "expires_at": redirect.expires_at}),
    )
    return redirect.url


# --- provider notifications ------------------------------------------------------------
def expected_payment_for(reference: str) -> ExpectedPayment | None:
    """The order paid online under `reference`, whatever its status.

    Cancelled or already paid orders are returned too, so a postback for them is accepted,
    recorded and raises a staff alert instead of being refused (the money did arrive).
    """
    order = (
        Order.objects.filter(number=reference, payment_method__in=online_method_codes())
        .only("number", "total_gross", "currency")
        .first()
    )
    if order is None:
        return None
    return ExpectedPayment(reference=order.number, amount=order.total_gross, currency=order.currency)


def receive_payment_notification(notification: PaymentNotification, log) -> None:
    """Runs once per provider transaction, inside the recording transaction."""
    order = order_for_update(Order.objects.get(number=notification.reference).pk).get()
    paid = notification.status == "paid"
    record = PaymentTransaction.objects.create(
        order=order,
        provider=notification.provider,
        kind=TransactionKind.POSTBACK,
        amount=notification.amount,
        currency=notification.currency,
        provider_reference=notification.transaction_id,
        status=TransactionStatus.SUCCEEDED if paid else TransactionStatus.FAILED,
        raw_payload=storable(dict(notification.raw)),
        actor_label=notification.provider,
    )
    if not paid:
        logger.info("failed payment %s reported for %s", notification.transaction_id, order.number)
        return
    if order.status == OrderStatus.PENDING_PAYMENT:
        # mark_paid issues the invoice, sends the one "payment received" email and has the
        # registered parcel service queue the parcel.
        order_services.mark_paid(
            order, actor=notification.provider, note=f"{notification.provider} {notification.transaction_id}"
        )
        return
    # Money for an order we no longer hold (cancelled/expired) or a second payment: a human decides.
    record.status = TransactionStatus.FLAGGED
    record.save(update_fields=["status", "updated_at"])
    subject = str(_("Payment received for order %(number)s in status %(status)s")) % {
        "number": order.number,
        "status": order.get_status_display(),
    }
    message = str(
        _(
            "%(provider)s reported payment %(transaction)s of %(amount)s %(currency)s. The order was not "
            "changed automatically: refund the payment or revive the order."
        )
    ) % {
        "provider": notification.provider,
        "transaction": notification.transaction_id,
        "amount": notification.amount,
        "currency": notification.currency,
    }
    logger.warning("staff alert: %s", subject)
    transaction.on_commit(
        lambda: notify_staff(
            "staff_alert",
            context={"subject": subject, "message": message},
            order=order,
            dedupe_key=f"unexpected_payment:{notification.transaction_id}",
        )
    )


# --- refunds ----------------------------------------------------------------------------
class RefundNotAllowed(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def paid_transaction(order: Order) -> PaymentTransaction | None:
    return (
        PaymentTransaction.objects.filter(
            order=order, kind=TransactionKind.POSTBACK, status=TransactionStatus.SUCCEEDED
        )
        .order_by("pk")
        .first()
    )


def refunded_amount(order: Order, *, include_pending: bool = False) -> Decimal:
    statuses = [TransactionStatus.SUCCEEDED] + ([TransactionStatus.PENDING] if include_pending else [])
    total = PaymentTransaction.objects.filter(order=order, kind=TransactionKind.REFUND, status__in=statuses).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal("0.00")


def refundable_amount(order: Order) -> Decimal:
    payment = paid_transaction(order)
    if payment is None:
        return Decimal("0.00")
    return payment.amount - refunded_amount(order, include_pending=True)


def refund(order: Order, amount: Decimal | None, *, actor, client=None) -> PaymentTransaction:
    """Refund `amount` (None = everything still refundable) through the provider; every attempt is recorded.

    The claim (a pending refund row) is written under the order's row lock, so two staff members
    cannot refund the same money twice; the provider is called after the lock is released.
    Returns the refund transaction (status succeeded or failed, with the provider's message).
    A refund that succeeded gets its credit note (invoice correction), e-mailed to the customer.
    """
    from commerce.orders.events import actor_fields

    with transaction.atomic():
        order = order_for_update(order.pk).get()
        payment = paid_transaction(order)
        if payment is None:
            raise RefundNotAllowed(_("There is no online payment to refund for this order."))
        refundable = payment.amount - refunded_amount(order, include_pending=True)
        amount = refundable if amount is None else amount
        if amount <= 0:
            raise RefundNotAllowed(_("The refund amount must be positive."))
        if amount > refundable:
            raise RefundNotAllowed(
                _("At most %(amount)s %(currency)s can still be refunded.")
                % {"amount": refundable, "currency": payment.currency}
            )
        attempt = PaymentTransaction.objects.create(
            order=order,
            provider=payment.provider,
            kind=TransactionKind.REFUND,
            amount=amount,
            currency=payment.currency,
            parent_reference=payment.provider_reference,
            status=TransactionStatus.PENDING,
            actor_label=actor_fields(actor)["actor_label"],
        )
    full = amount == payment.amount and refunded_amount(order) == 0
    if client is None:
        method = online_method(payment.provider)
        if method is None:
            attempt.status = TransactionStatus.FAILED
            attempt.error_message = f"no payment provider {payment.provider!r} is registered"
            attempt.save(update_fields=["status", "error_message", "updated_at"])
            return attempt
        client = method.client()
    try:
        result = client.refund(payment.provider_reference, None if full else amount, payment.currency)
    except ProviderError as exc:
        attempt.status = TransactionStatus.FAILED
        attempt.error_message = str(exc)
        attempt.raw_payload = storable(client.redact(exc.payload))
        attempt.save(update_fields=["status", "error_message", "raw_payload", "updated_at"])
        return attempt
    attempt.raw_payload = storable(result.raw)
    if not result.succeeded:
        attempt.status = TransactionStatus.FAILED
        attempt.error_message = result.message or result.provider_code
        attempt.save(update_fields=["status", "error_message", "raw_payload", "updated_at"])
        return attempt
    attempt.status = TransactionStatus.SUCCEEDED
    attempt.provider_reference = result.refund_id
    attempt.save(update_fields=["status", "provider_reference", "raw_payload", "updated_at"])
    _move_to_refund_status(order, payment, actor=actor)
    _issue_credit_note(order, attempt)
    return attempt


def _issue_credit_note(order: Order, attempt: PaymentTransaction) -> None:
    """Every refund that went through gets its invoice correction (numbered, stored, e-mailed).

    The money is already back with the customer: a failure here is logged for staff, never raised,
    and `issue_credit_note` is idempotent per refund, so it can be repeated from the shell.
    """
    from commerce.orders.credit_notes import issue_credit_note

    try:
        issue_credit_note(order, attempt.amount, source=f"refund:{attempt.pk}")
    except Exception:
        logger.exception("order %s: no credit note for refund %s", order.number, attempt.pk)


def _move_to_refund_status(order: Order, payment: PaymentTransaction, *, actor) -> None:
    order.refresh_from_db()
    refunded = refunded_amount(order)
    target = OrderStatus.REFUNDED if refunded >= payment.amount else OrderStatus.PARTIALLY_REFUNDED
    if not can_transition(order, target):
        logger.info("order %s stays %s after refund of %s", order.number, order.status, refunded)
        return
    try:
        transition(
            order,
            target,
            actor=actor,
            note=f"refunded {refunded} {payment.currency}",
            payload={"refunded_total": str(refunded)},
        )
    except IllegalTransition:
        logger.info("order %s changed during refund bookkeeping", order.number)
