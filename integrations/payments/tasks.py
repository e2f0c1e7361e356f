"""Periodic payment housekeeping (settings.CELERY_BEAT_SCHEDULE). Idempotent."""

from __future__ import annotations

from celery import shared_task

from integrations.payments import invoices, reconciliation


@shared_task(name="integrations.payments.reconcile_pending_payments")
def reconcile_pending_payments() -> dict:
    return reconciliation.reconcile()


@shared_task(name="integrations.payments.send_invoice_reminders")
def send_invoice_reminders() -> int:
    return invoices.send_reminders()
