"""What happens to a verified payment notification: recorded exactly once, then handed to the shop.

Explicit calls into the shop's payment flows (integrations.payments.services):
- `expected_payment_for(reference)`: the order awaiting payment, checked by the provider's parser;
- `receive_payment_notification(notification, log)`: once per event inside the transaction that
  records it (if it raises, nothing is recorded and the provider's retry is processed again).
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from integrations.models import PaymentNotificationLog
from integrations.payments import services
from integrations.payments.base import ExpectedPayment, NotificationRejected, PaymentNotification

logger = logging.getLogger("integrations.payments")


def expected_payment(reference: str) -> ExpectedPayment | None:
    return services.expected_payment_for(reference)


def handle_payment_notification(notification: PaymentNotification, remote_addr: str = "") -> bool:
    """Record a verified notification once; True when it was new (and the receiver ran), False for a replay."""
    try:
        with transaction.atomic():
            log = PaymentNotificationLog.objects.create(
                provider=notification.provider,
                event_id=notification.event_id,
                kind=notification.kind,
                reference=notification.reference,
                transaction_id=notification.transaction_id,
                status=notification.status,
                amount=notification.amount,
                currency=notification.currency,
                is_test=notification.is_test,
                accepted=True,
                remote_addr=remote_addr or None,
                payload=dict(notification.raw),
            )
            services.receive_payment_notification(notification, log)
    except IntegrityError:
        logger.info("duplicate %s notification %s ignored", notification.provider, notification.event_id)
        return False
    return True


def record_rejected_payment_notification(provider: str, rejection: NotificationRejected, remote_addr: str = "") -> None:
    """A refused notification from a trusted source (e.g. wrong amount): stored for staff, changes nothing."""
    PaymentNotificationLog.objects.create(
        provider=provider,
        event_id=rejection.event_id[:128],
        reference=rejection.reference[:64],
        accepted=False,
        rejection_code=rejection.code,
        rejection_reason=rejection.reason,
        remote_addr=remote_addr or None,
        payload=dict(rejection.raw),
    )
