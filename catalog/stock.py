"""Stock levels as live data.

Variants are part of their product page's revisions, but stock is not editorial content: an
order placed while an editor has the page open, or the publish of an older revision, must
never put sold units back. So `ProductVariant.save()` leaves `stock_quantity` alone on
updates, orders change it with conditional `F()` updates (commerce.orders.stock), and staff
correct it here, with an audit-log entry.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log

from catalog.availability import refresh_listing_fields
from catalog.models import ProductVariant

STOCK_ADJUSTED = "catalog.stock_adjusted"


def set_stock_level(variant: ProductVariant, quantity: int, *, user=None, reason: str = "") -> int:
    """Set a variant's stock to a counted quantity; returns the previous level."""
    if quantity < 0 and not variant.backorder_allowed:
        raise ValueError("stock cannot be negative without backorder")
    with transaction.atomic():
        previous = (
            ProductVariant.objects.select_for_update().values_list("stock_quantity", flat=True).get(pk=variant.pk)
        )
        ProductVariant.objects.filter(pk=variant.pk).update(stock_quantity=quantity)
        log(
            instance=variant,
            action=STOCK_ADJUSTED,
            user=user,
            data={"sku": variant.sku, "from": previous, "to": quantity, "reason": reason},
        )
        transaction.on_commit(lambda: refresh_listing_fields([variant.product_id]))
    variant.stock_quantity = quantity
    return previous
