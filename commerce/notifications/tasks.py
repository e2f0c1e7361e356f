"""Delivery of outbox rows: idempotent, retried with exponential backoff on transport errors."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from .models import Notification, NotificationStatus
from .senders import SENDERS

logger = logging.getLogger(__name__)

MAX_RETRIES = 6
TRANSPORT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    name="commerce.notifications.send_notification",
    autoretry_for=TRANSPORT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def send_notification(self, notification_id: int) -> str:
    """Send one notification once.

    The row is claimed with a conditional UPDATE (queued/failed → sending), so a duplicate task,
    a redelivered message (acks_late) or a second worker finds nothing to claim and stops.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, status__in=[NotificationStatus.QUEUED, NotificationStatus.FAILED]
    ).update(status=NotificationStatus.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    notification = Notification.objects.select_related("order").get(pk=notification_id)
    try:
        SENDERS[notification.channel](notification)
    except TRANSPORT_ERRORS as error:
        final = self.request.retries >= self.max_retries
        _record_failure(notification, error, final=final)
        raise
    except Exception as error:
        # Template, attachment or unimplemented-channel errors: retrying will not help.
        _record_failure(notification, error, final=True)
        logger.exception("notification %s failed", notification_id)
        return "failed"
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _record_failure(notification: Notification, error: Exception, *, final: bool) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.FAILED if final else NotificationStatus.QUEUED,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


@shared_task(name="commerce.notifications.requeue_unsent_notifications")
def requeue_unsent_notifications(older_than_minutes: int = 15) -> int:
    """Queue rows that never reached a worker (broker down at commit time). Safe: sending claims the row."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stale = Notification.objects.filter(status=NotificationStatus.QUEUED, attempts=0, created_at__lt=cutoff)
    ids = list(stale.order_by("pk").values_list("pk", flat=True)[:500])
    from .services import queue_delivery

    queued = 0
    for notification_id in ids:
        if not queue_delivery(notification_id):
            break  # broker gone again: the next sweep continues
        queued += 1
    return queued
