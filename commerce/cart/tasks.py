"""Cart housekeeping (scheduled in settings.CELERY_BEAT_SCHEDULE); idempotent."""

from __future__ import annotations

from celery import shared_task

from .lines import expiry_cutoff
from .models import Cart


@shared_task(name="commerce.cart.delete_expired_carts")
def delete_expired_carts() -> int:
    """Anonymous carts untouched for CART_LIFETIME_DAYS are gone; customers' carts are kept."""
    deleted, _ = Cart.objects.filter(user__isnull=True, updated_at__lt=expiry_cutoff()).delete()
    return deleted
