"""Celery tasks for shipping. Queued with transaction.on_commit; idempotent; retried with backoff."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from integrations.errors import ProviderError
from integrations.shipping import services

logger = logging.getLogger("integrations.shipping")


def retry_delay(exc: ProviderError, retries: int) -> float:
    """Exponential backoff (base · 2^retries, capped), never sooner than the provider's Retry-After."""
    delay = min(settings.SHIPPING_RETRY_BASE_SECONDS * (2**retries), settings.SHIPPING_RETRY_MAX_SECONDS)
    if exc.retry_after:
        delay = max(delay, float(exc.retry_after))
    return delay


@shared_task(bind=True, name="integrations.shipping.create_parcel_for_order", max_retries=None)
def create_parcel_for_order(self, order_id: int) -> str:
    """Parcel + label for a paid (or accepted-on-account) order; after the last retry: failed, staff alerted."""
    try:
        shipment = services.create_parcel(order_id)
    except ProviderError as exc:
        attempts_left = self.request.retries < settings.SHIPPING_PARCEL_MAX_RETRIES
        if exc.retryable and attempts_left:
            logger.info("parcel for order %s: %s; retry %d", order_id, exc, self.request.retries + 1)
            raise self.retry(exc=exc, countdown=retry_delay(exc, self.request.retries)) from exc
        services.mark_failed(order_id, str(exc))
        return "failed"
    return shipment.status
