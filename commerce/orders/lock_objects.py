"""Every `select_for_update` of the orders domain, in one place, always in primary-key order.

Two transactions that lock the same rows in the same order wait for each other instead of
deadlocking. Placing an order from the checkout locks the cart row (commerce.cart.lock_objects),
then, for an invoice order, the buying company's row, then variants (by pk), then the number
sequence row, and only inserts its order. Cancelling locks the order row (conditional UPDATE),
then variants (by pk). Nothing locks variants first and an existing order, a company or a cart
second, so none of these deadlock. The company comes before the variants so that a buyer waiting
for the company's credit holds no stock locks other shoppers need.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.models import ProductVariant
from commerce.companies.models import Company

from .models import NumberSequence, Order


def variants_for_update(variant_ids: Iterable[int]):
    return ProductVariant.objects.select_for_update().filter(pk__in=sorted(set(variant_ids))).order_by("pk")


def number_sequence_for_update(name: str, year: int):
    return NumberSequence.objects.select_for_update().filter(name=name, year=year)


def order_for_update(order_id: int):
    return Order.objects.select_for_update().filter(pk=order_id)


def company_for_update(company_id: int):
    """The buying company, locked while an invoice order is checked against its credit and placed."""
    return Company.objects.select_for_update().filter(pk=company_id)
