"""Every provider notification we received, accepted or not: the audit trail and the idempotency guard.

A unique constraint on (provider, event_id) over accepted rows makes a replayed notification a
no-op by construction (insert, not check-then-insert); rejected notifications are stored too, so
"money arrived but we refused it" is never silent. Requests from outside the allow-list or with
a wrong URL token are only logged, never stored (they are not from the provider).
"""

from django.db import models
from django.db.models import Q


class PaymentNotificationLog(models.Model):
    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=128, blank=True)
    kind = models.CharField(max_length=32, blank=True)
    reference = models.CharField(max_length=64, blank=True, db_index=True)
    transaction_id = models.CharField(max_length=128, blank=True)
    status = models.CharField(max_length=16, blank=True)  # "paid" | "failed" for accepted rows
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    is_test = models.BooleanField(default=False)
    accepted = models.BooleanField(default=False)
    rejection_code = models.CharField(max_length=32, blank=True)
    rejection_reason = models.TextField(blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)  # redacted
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"],
                condition=Q(accepted=True),
                name="integrations_payment_notification_once",
            )
        ]

    def __str__(self) -> str:
        outcome = "accepted" if self.accepted else f"rejected ({self.rejection_code})"
        return f"{self.provider} {self.event_id or '-'} {self.reference or '-'}: {outcome}"


class ShippingWebhookLog(models.Model):
    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=200)
    action = models.CharField(max_length=64)
    parcel_id = models.CharField(max_length=64, blank=True, db_index=True)
    external_reference = models.CharField(max_length=64, blank=True)
    tracking_number = models.CharField(max_length=64, blank=True)
    status_id = models.IntegerField(null=True, blank=True)
    status = models.CharField(max_length=200, blank=True)
    event_timestamp_ms = models.BigIntegerField()
    # True when a newer event for the same parcel had already been recorded (out-of-order delivery).
    superseded = models.BooleanField(default=False)
    payload = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="integrations_shipping_webhook_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.action} parcel {self.parcel_id or '-'} status {self.status_id}"


# The order-facing models live with their flows; imported here so Django registers them.
from integrations.payments.models import PaymentTransaction  # noqa: E402,F401
from integrations.shipping.models import Shipment, ShipmentStatus  # noqa: E402,F401
