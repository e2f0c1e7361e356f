"""Periodic order housekeeping (scheduled in settings.CELERY_BEAT_SCHEDULE). All are idempotent."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

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
    """Email STAFF_ALERT_EMAILS the variants at or below their low-stock threshold. Returns the count."""
    recipients = settings.STAFF_ALERT_EMAILS
    variants = list(low_stock_variants())
    if not variants or not recipients:
        return 0
    rows = [
        f"{v.sku:<20} {v.stock_quantity:>6}  (threshold {v.low_stock_threshold})  {v.product.title}" for v in variants
    ]
    send_mail(
        subject=f"[Naturwest] Low stock: {len(variants)} variants",
        message="Variants at or below their low-stock threshold:\n\n" + "\n".join(rows) + "\n",
        from_email=None,
        recipient_list=recipients,
    )
    return len(variants)
