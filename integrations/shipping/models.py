"""Parcels we asked the carrier platform for, one row per attempt at shipping an order.

`reference` is the external reference sent to the provider (the order number, or `NW-…-2`
after a cancelled label): it is unique at the provider and here, so a retried creation finds
the parcel made the first time instead of making a second one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from commerce.orders.private_documents import PrivatePath, private_storage


class ShipmentStatus(models.TextChoices):
    PENDING = "pending", _("Being created")
    LABEL_CREATED = "label_created", _("Label created")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Shipment(models.Model):
    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="shipments"
    )
    provider = models.CharField(_("provider"), max_length=32)
    reference = models.CharField(_("external reference"), max_length=64, unique=True)
    provider_parcel_id = models.CharField(_("parcel id"), max_length=64, blank=True, db_index=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    tracking_url = models.URLField(_("tracking URL"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ShipmentStatus.choices, default=ShipmentStatus.PENDING, db_index=True
    )
    carrier_status_id = models.IntegerField(_("carrier status"), null=True, blank=True)
    carrier_status = models.CharField(_("carrier status text"), max_length=200, blank=True)
    carrier_status_at_ms = models.BigIntegerField(default=0)
    # Recipient name and address: a private document, for staff only.
    label = models.FileField(
        _("label"), upload_to=PrivatePath("shipments/labels/"), storage=private_storage, max_length=255, blank=True
    )
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"
