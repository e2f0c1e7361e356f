"""Every conversation with a payment provider about an order, kept for staff and accounting.

One row per interaction (a payment link handed out, a postback, a refund attempt, a
reconciliation finding). The unique constraint on (provider, kind, provider_reference) makes a
replayed provider event a no-op; rows without a provider reference (e.g. a refund the provider
refused before giving it an id) are never deduplicated: every attempt stays on record.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TransactionKind(models.TextChoices):
    START = "start", _("Payment link")
    AUTHORIZE = "authorize", _("Authorisation")
    CAPTURE = "capture", _("Capture")
    SALE = "sale", _("Sale")
    POSTBACK = "postback", _("Payment notification")
    REFUND = "refund", _("Refund")
    RECONCILE = "reconcile", _("Reconciliation")


class TransactionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    FLAGGED = "flagged", _("Needs staff attention")


class PaymentTransaction(models.Model):
    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="payment_transactions"
    )
    provider = models.CharField(_("provider"), max_length=32)
    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    provider_reference = models.CharField(_("provider reference"), max_length=128, blank=True)
    # For refunds: the payment's transaction id at the provider that this refund draws on.
    parent_reference = models.CharField(_("refunded payment"), max_length=128, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TransactionStatus.choices)
    raw_payload = models.JSONField(_("provider answer (redacted)"), default=dict, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    actor_label = models.CharField(_("by"), max_length=150, default="system")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "kind", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="payment_transaction_once_per_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.kind} {self.amount} {self.currency} ({self.status})"
