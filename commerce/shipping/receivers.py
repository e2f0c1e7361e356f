"""Editing shipping rows drops the cached shipping data and the storefront HTML showing it."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from .models import PaymentOption, ShippingRate, ShippingZone
from .services import shipping_data_changed


def on_shipping_row_changed(sender, **kwargs):
    shipping_data_changed()


def connect() -> None:
    for model in (ShippingZone, ShippingRate, PaymentOption):
        post_save.connect(on_shipping_row_changed, sender=model, dispatch_uid=f"shipping-changed-{model.__name__}")
        post_delete.connect(on_shipping_row_changed, sender=model, dispatch_uid=f"shipping-deleted-{model.__name__}")
