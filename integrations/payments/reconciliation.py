"""Follow up online payments that never completed.

Orders left pending beyond ORDER_PAYMENT_TIMEOUT_HOURS are expired by the orders'
`expire_unpaid_orders` (reused here, not duplicated). Before that, any order for which its
payment provider has told us about money (a notification we refused, e.g. for a wrong amount)
is *held*: it is not expired but flagged for staff (a `reconcile` transaction + staff alert,
once per order). Each online payment method answers the registry's expiry hold with
`orders_with_payment_evidence` for its own orders.

The evidence is what the provider sent us (PaymentNotificationLog): payments whose notification
never reached us at all are found in the provider's back office.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commerce.notifications.services import notify_staff
from commerce.orders.models import Order, OrderStatus
from integrations.models import PaymentNotificationLog
from integrations.payments.models import PaymentTransaction, TransactionKind, TransactionStatus
from integrations.payments.services import online_method_codes

logger = logging.getLogger("integrations.payments")
MONEY_REJECTIONS = ("amount_mismatch", "currency_mismatch")


def orders_with_payment_evidence(provider: str, orders: Iterable[Order]) -> set[int]:
    """Ids of these orders paid with `provider` for which it reported money. Never auto-expired."""
    by_number = {order.number: order.pk for order in orders if order.payment_method == provider}
    if not by_number:
        return set()
    references = PaymentNotificationLog.objects.filter(provider=provider, reference__in=by_number).filter(
        Q(accepted=True, status="paid") | Q(accepted=False, rejection_code__in=MONEY_REJECTIONS)
    )
    return {by_number[ref] for ref in references.values_list("reference", flat=True).distinct()}


def stale_pending_orders():
    cutoff = timezone.now() - timedelta(hours=settings.ORDER_PAYMENT_TIMEOUT_HOURS)
    return Order.objects.filter(
        status=OrderStatus.PENDING_PAYMENT, payment_method__in=online_method_codes(), placed_at__lt=cutoff
    ).order_by("pk")


def flag(order: Order) -> bool:
    """Record the finding once per order and alert staff; False when it was already flagged."""
    try:
        with transaction.atomic():
            PaymentTransaction.objects.create(
                order=order,
                provider=order.payment_method,
                kind=TransactionKind.RECONCILE,
                amount=order.total_gross,
                currency=order.currency,
                provider_reference=f"reconcile:{order.number}",
                status=TransactionStatus.FLAGGED,
                error_message="provider reported a payment that was not accepted; order held from expiry",
            )
    except IntegrityError:
        return False
    subject = _("Order %(number)s: payment reported but not accepted") % {"number": order.number}
    message = _(
        "The payment provider %(provider)s reported a payment for order %(number)s that did not match the "
        "order. The order is kept pending instead of expiring: check the payment in the provider's back "
        "office, then mark it paid or refund."
    ) % {"number": order.number, "provider": order.payment_method}
    logger.warning("staff alert: %s", subject)
    notify_staff(
        "staff_alert",
        context={"subject": str(subject), "message": str(message)},
        order=order,
        dedupe_key=f"reconcile:{order.number}",
    )
    return True


def reconcile() -> dict:
    from commerce.orders.providers import orders_held_from_expiry
    from commerce.orders.tasks import expire_unpaid_orders

    stale = list(stale_pending_orders()[:500])
    held = orders_held_from_expiry(stale)
    flagged = sum(1 for order in stale if order.pk in held and flag(order))
    expired = expire_unpaid_orders()
    return {"flagged": flagged, "held": len(held), "expired": expired}
