"""Stock allocation and release, race-safe.

Allocation runs inside the order-placement transaction: lock the variants (pk order, see
lock_objects), check, decrement with F(). A concurrent buyer of the same variant waits on the
row lock and then sees the decremented stock, so the last units are never sold twice.
The DB CheckConstraint on catalog.ProductVariant (stock ≥ 0 unless backorder) is the last line.
When a variant sells out or comes back, its product's listing fields (`in_stock`, the catalogue
and search filter) are recomputed after commit; other sales cost no extra query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.availability import refresh_listing_fields
from catalog.models import ProductVariant

from . import events
from .lock_objects import variants_for_update
from .models import Order


class StockError(Exception):
    message = _("This item is not available.")


class VariantUnavailable(StockError):
    def __init__(self, variant_id: int):
        self.variant_id = variant_id
        self.message = _("An item in your cart is no longer available.")
        super().__init__(str(self.message))


class InsufficientStock(StockError):
    def __init__(self, variant: ProductVariant, requested: int, available: int):
        self.variant, self.requested, self.available = variant, requested, max(available, 0)
        self.message = _("Only %(available)d × %(sku)s left in stock (you asked for %(requested)d).") % {
            "available": self.available,
            "sku": variant.sku,
            "requested": requested,
        }
        super().__init__(str(self.message))


def requested_quantities(lines: Iterable) -> Counter[int]:
    """Sum quantities per variant (the same variant may appear on two lines)."""
    wanted: Counter[int] = Counter()
    for line in lines:
        wanted[line.variant_id] += line.quantity
    return wanted


def allocate_stock(lines: Iterable) -> dict[int, int]:
    """Take stock for `lines` (anything with variant_id and quantity) or raise; all or nothing.

    Must run inside the transaction that stores the order: the locks live until it commits.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("allocate_stock must run inside the order transaction")
    wanted = requested_quantities(lines)
    variants = {variant.pk: variant for variant in variants_for_update(wanted)}
    for variant_id, quantity in sorted(wanted.items()):
        variant = variants.get(variant_id)
        if variant is None or not variant.active:
            raise VariantUnavailable(variant_id)
        if not variant.backorder_allowed and variant.stock_quantity < quantity:
            raise InsufficientStock(variant, quantity, variant.stock_quantity)
    for variant_id, quantity in sorted(wanted.items()):
        ProductVariant.objects.filter(pk=variant_id).update(stock_quantity=F("stock_quantity") - quantity)
    _refresh_listings_after_commit(
        v.product_id for v in variants.values() if not v.backorder_allowed and v.stock_quantity <= wanted[v.pk]
    )
    return dict(wanted)


def _refresh_listings_after_commit(product_ids: Iterable[int]) -> None:
    """Products whose availability changed: their `in_stock` flag follows once the stock is committed."""
    ids = sorted(set(product_ids))
    if ids:
        transaction.on_commit(lambda: refresh_listing_fields(ids), robust=True)


def release_stock(order: Order, *, actor: events.Actor = None) -> bool:
    """Give an order's stock back, once. Returns False when it was already released.

    The order's `stock_released_at` is claimed by a conditional UPDATE, so two concurrent
    releases (staff cancel + expiry task) add the stock back exactly once.
    """
    with transaction.atomic():
        claimed = Order.objects.filter(pk=order.pk, stock_released_at__isnull=True).update(
            stock_released_at=timezone.now()
        )
        if not claimed:
            return False
        lines = list(order.lines.exclude(variant_id=None).only("variant_id", "quantity", "sku"))
        wanted = requested_quantities(lines)
        locked = list(variants_for_update(wanted))
        for variant_id, quantity in sorted(wanted.items()):
            ProductVariant.objects.filter(pk=variant_id).update(stock_quantity=F("stock_quantity") + quantity)
        _refresh_listings_after_commit(
            v.product_id for v in locked if v.stock_quantity <= 0 < v.stock_quantity + wanted[v.pk]
        )
        order.refresh_from_db(fields=["stock_released_at"])
        per_sku = Counter()
        for line in lines:
            per_sku[line.sku] += line.quantity
        events.stock_released_event(order, quantities=dict(per_sku), actor=actor)
    return True


def low_stock_variants():
    """Active variants at or below their low-stock threshold, emptiest first."""
    return (
        ProductVariant.objects.filter(active=True, stock_quantity__lte=F("low_stock_threshold"))
        .select_related("product")
        .order_by("stock_quantity", "sku")
    )
