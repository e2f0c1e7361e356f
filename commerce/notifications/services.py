"""`notify(...)`: the one entry point every app uses to message a customer or the staff."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Channel, Notification, NotificationKind

logger = logging.getLogger(__name__)


def notify(
    kind: str,
    *,
    to: str | Iterable[str],
    context: dict | None = None,
    language: str = "",
    order=None,
    dedupe_key: str | None = None,
    channel: str = Channel.EMAIL,
) -> Notification | None:
    """Write the outbox row and queue its delivery after commit; returns the row (None: nobody to tell).

    With a `dedupe_key`, a replay (webhook retry, double click, second worker) returns the existing
    row and queues nothing: the customer gets one email. `context` must be JSON-serialisable; the
    order itself is passed as `order` and handed to the templates at render time.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in recipients if address and address.strip()]
    if not recipients:
        return None
    fields = {
        "channel": channel,
        "recipient": ",".join(recipients),
        "kind": kind,
        "context": context or {},
        "language": language or settings.LANGUAGE_CODE,
        "order": order,
    }
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                notification = Notification.objects.create(dedupe_key=dedupe_key, **fields)
        except IntegrityError:
            # A concurrent notify with the same key won; its row is the one that gets sent.
            return Notification.objects.get(dedupe_key=dedupe_key)
    else:
        notification = Notification.objects.create(**fields)
    # A broker outage must not fail the request; requeue_unsent_notifications picks the row up.
    transaction.on_commit(lambda: queue_delivery(notification.pk), robust=True)
    return notification


def notify_staff(kind: str, *, context: dict | None = None, dedupe_key: str | None = None, order=None):
    """A message for the shop team (STAFF_ALERT_EMAILS); nothing is written when nobody is configured."""
    return notify(
        kind,
        to=list(getattr(settings, "STAFF_ALERT_EMAILS", [])),
        context=context,
        language=settings.LANGUAGE_CODE,
        order=order,
        dedupe_key=dedupe_key,
    )


def queue_delivery(notification_id: int) -> bool:
    """Hand the row to a worker; False when the broker is unreachable (the row stays queued in the outbox).

    Runs after commit inside the buyer's request, so a broker outage is logged, never raised:
    requeue_unsent_notifications sends the row once the broker is back.
    """
    from .tasks import send_notification

    try:
        send_notification.delay(notification_id)
    except Exception as error:  # noqa: BLE001 - kombu/redis raise many types; none may reach the buyer
        logger.warning("notification %s stays in the outbox, broker unreachable: %r", notification_id, error)
        return False
    return True
