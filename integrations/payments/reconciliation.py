"""Follow up online payments that never completed.

Orders left pending beyond ORDER_PAYMENT_TIMEOUT_HOURS are expired by the orders room's
`expire_unpaid_orders` (reused here, not duplicated). Before that, any order for which Vendo
has told us about money (a postback we refused, e.g. for a wrong amount) is *held*: it is not
expired but flagged for staff (a `reconcile` transaction + staff alert, once per order).

ASSUMPTION / gap: Vendo's public spec has no S2S "transaction status" endpoint to ask whether a
reference was paid, so the evidence is what Vendo sent us (PaymentNotificationLog). Payments
whose postback never reached us at all are found in Vendo's back office.
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
from integrations.payments.services import PAYMENT_METHOD_CODE

logger = logging.getLogger("integrations.payments")
MONEY_REJECTIONS = ("amount_mismatch", "currency_mismatch")


def orders_with_payment_evidence(orders: Iterable[Order]) -> set[int]:
    """ORDER_EXPIRY_HOLD: ids of these orders for which a provider reported money. Never auto-expired."""
    by_number = {order.number: order.pk for order in orders}
    if not by_number:
        return set()
    references = PaymentNotificationLog.objects.filter(reference__in=by_number).filter(
        Q(accepted=True, status="paid") | Q(accepted=False, rejection_code__in=MONEY_REJECTIONS)
    )
    return {by_number[ref] for ref in references.values_list("reference", flat=True).distinct()}


def stale_pending_orders():
    cutoff = timezone.now() - timedelta(hours=settings.ORDER_PAYMENT_TIMEOUT_HOURS)
    return Order.objects.filter(
        status=OrderStatus.PENDING_PAYMENT, payment_method=PAYMENT_METHOD_CODE, placed_at__lt=cutoff
    ).order_by("pk")


def flag(order: Order) -> bool:
    """Record the finding once per order and alert staff; False when it was already flagged."""
    try:
        with transaction.atomic():
            PaymentTransaction.objects.create(
                order=order,
                provider="vendo",
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
        "Vendo reported a payment for order %(number)s that did not match the order. The order is kept "
        "pending instead of expiring: check the payment in Vendo's back office, then mark it paid or refund."
    ) % {"number": order.number}
    logger.warning("staff alert: %s", subject)
    notify_staff(
        "staff_alert",
        context={"subject": str(subject), "message": str(message)},
        order=order,
        dedupe_key=f"reconcile:{order.number}",
    )
    return True


def reconcile() -> dict:
    from commerce.orders.tasks import expire_unpaid_orders

    stale = list(stale_pending_orders()[:500])
    held = orders_with_payment_evidence(stale)
    flagged = sum(1 for order in stale if order.pk in held and flag(order))
    expired = expire_unpaid_orders()
    return {"flagged": flagged, "held": len(held), "expired": expired}
