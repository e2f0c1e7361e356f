"""Periodic payment housekeeping (settings.CELERY_BEAT_SCHEDULE). Idempotent."""

from __future__ import annotations

from celery import shared_task

from integrations.payments import reconciliation


@shared_task(name="integrations.payments.reconcile_pending_payments")
def reconcile_pending_payments() -> dict:
    return reconciliation.reconcile()
