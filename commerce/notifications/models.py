"""The notification outbox: every customer or staff message is a row first, sent by a task after commit.

A row survives a failing SMTP server (it is retried with backoff and its last error kept) and a
replayed webhook or double click (the unique `dedupe_key` turns the second `notify` into a no-op).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class NotificationKind(models.TextChoices):
    ORDER_CONFIRMATION = "order_confirmation", _("Order confirmation")
    ORDER_SHIPPED = "order_shipped", _("Order shipped")
    ORDER_DELIVERED = "order_delivered", _("Order delivered")
    ORDER_CANCELLED = "order_cancelled", _("Order cancelled")
    PAYMENT_RECEIVED = "payment_received", _("Payment received")
    B2B_APPLICATION_RECEIVED = "b2b_application_received", _("B2B application received")
    B2B_APPLICATION_APPROVED = "b2b_application_approved", _("B2B application approved")
    B2B_APPLICATION_REJECTED = "b2b_application_rejected", _("B2B application rejected")
    LOW_STOCK_REPORT = "low_stock_report", _("Low-stock report")
    STAFF_ALERT = "staff_alert", _("Staff alert")
    INVOICE_REMINDER = "invoice_reminder", _("Invoice reminder")
    CREDIT_NOTE = "credit_note", _("Invoice correction")
    WITHDRAWAL_RECEIVED = "withdrawal_received", _("Withdrawal acknowledgement")


class Notification(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    # Comma-separated for staff alerts with several recipients; one address for customers.
    recipient = models.TextField(_("recipient"))
    kind = models.CharField(_("template"), max_length=40, choices=NotificationKind.choices, db_index=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    dedupe_key = models.CharField(_("dedupe key"), max_length=150, unique=True, null=True, blank=True)
    order = models.ForeignKey(
        "orders.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"

    @property
    def recipients(self) -> list[str]:
        return [address.strip() for address in self.recipient.split(",") if address.strip()]
