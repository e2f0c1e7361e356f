"""Every `select_for_update` of the orders domain, in one place, always in primary-key order.

Two transactions that lock the same rows in the same order wait for each other instead of
deadlocking. Placing an order locks variants (by pk), then the number sequence row, and only
inserts its order. Cancelling locks the order row (conditional UPDATE), then variants (by pk).
Nothing locks variants first and an existing order second, so the two never deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.models import ProductVariant

from .models import NumberSequence, Order


def variants_for_update(variant_ids: Iterable[int]):
    return ProductVariant.objects.select_for_update().filter(pk__in=sorted(set(variant_ids))).order_by("pk")


def number_sequence_for_update(name: str, year: int):
    return NumberSequence.objects.select_for_update().filter(name=name, year=year)


def order_for_update(order_id: int):
    return Order.objects.select_for_update().filter(pk=order_id)
