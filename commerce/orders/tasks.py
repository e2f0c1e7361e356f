"""Periodic order housekeeping (scheduled in settings.CELERY_BEAT_SCHEDULE). All are idempotent."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commerce.notifications.models import NotificationKind
from commerce.notifications.services import notify_staff

from . import invoices, providers
from .models import Order, OrderStatus
from .services import expire_order
from .state import IllegalTransition
from .stock import low_stock_variants

logger = logging.getLogger(__name__)
BATCH = 500


@shared_task(name="commerce.orders.expire_unpaid_orders")
def expire_unpaid_orders() -> int:
    """Cancel orders left unpaid beyond ORDER_PAYMENT_TIMEOUT_HOURS and release their stock.

    An order paid while we look loses nothing: the conditional status UPDATE refuses, we skip it.
    """
    hours = settings.ORDER_PAYMENT_TIMEOUT_HOURS
    cutoff = timezone.now() - timedelta(hours=hours)
    stale = list(Order.objects.filter(status=OrderStatus.PENDING_PAYMENT, placed_at__lt=cutoff).order_by("pk")[:BATCH])
    held = providers.orders_held_from_expiry(stale)
    expired = 0
    for order in stale:
        if order.pk in held:
            continue
        try:
            expire_order(order, timeout_hours=hours)
        except IllegalTransition:
            logger.info("order %s changed while expiring; skipped", order.number)
            continue
        expired += 1
    if expired:
        logger.info("expired %d unpaid orders", expired)
    return expired


@shared_task(name="commerce.orders.send_invoice_reminders")
def send_invoice_reminders() -> int:
    return invoices.send_reminders()


@shared_task(name="commerce.orders.send_low_stock_report")
def send_low_stock_report() -> int:
    """Tell the shop team (through the outbox, once a day) which variants are at or below their
    low-stock threshold. Returns the count."""
    variants = list(low_stock_variants())
    if not variants or not settings.STAFF_ALERT_EMAILS:
        return 0
    rows = [
        {"sku": v.sku, "stock": v.stock_quantity, "threshold": v.low_stock_threshold, "title": v.product.title}
        for v in variants
    ]
    with transaction.atomic():
        notify_staff(
            NotificationKind.LOW_STOCK_REPORT,
            context={"rows": rows},
            dedupe_key=f"low_stock_report:{timezone.localdate().isoformat()}",
        )
    return len(variants)
