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
    """Parcel + label for a paid (or accepted-on-account) order; after the last retry: failed, staff alerted.

    With a broker the retry is rescheduled (countdown = backoff). Run eagerly (dev without Redis,
    tests) the retries happen inline without waiting, so a provider failure never turns into an
    exception in the web request that queued the task.
    """
    retries = self.request.retries or 0
    while True:
        try:
            return services.create_parcel(order_id).status
        except ProviderError as exc:
            if not exc.retryable or retries >= settings.SHIPPING_PARCEL_MAX_RETRIES:
                services.mark_failed(order_id, str(exc))
                return "failed"
            logger.info("parcel for order %s: %s; retry %d", order_id, exc, retries + 1)
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=retry_delay(exc, retries)) from exc
            retries += 1


def queue_parcel(order) -> None:
    """Queue parcel creation (call after commit). The pending shipment exists first, so staff always see it.

    Idempotent: the parcel's external_reference is the shipment reference, and an order with a
    label is left alone."""
    shipment = services.current_shipment(order)
    try:
        create_parcel_for_order.delay(order.pk)
    except Exception as exc:  # broker down: the shipment is shown failed, staff can retry
        logger.exception("could not queue parcel creation for %s", order.number)
        services.mark_failed(order.pk, f"could not queue parcel creation: {exc}")
        return
    logger.debug("parcel creation queued for %s (%s)", order.number, shipment.reference)
