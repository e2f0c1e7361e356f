"""Listing fields after stock or price changes made outside the page editor (orders, stock imports)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, Min, OuterRef, Q

from catalog.models import ProductPage, ProductVariant


def refresh_listing_fields(product_ids: Iterable[int]) -> None:
    """Recompute `min_price` / `in_stock` of the given source products and copy them to their translations.

    Same rule as `ProductPage.refresh_listing_fields`, as two queries plus one UPDATE per product,
    so commerce can call it after allocating stock without loading pages.
    """
    active = ProductVariant.objects.filter(product_id=OuterRef("pk"), active=True)
    rows = (
        ProductPage.objects.filter(pk__in=list(product_ids))
        .annotate(
            lowest=Min("variants__retail_price", filter=Q(variants__active=True)),
            available=Exists(active.filter(Q(stock_quantity__gt=0) | Q(backorder_allowed=True))),
        )
        .values_list("translation_key", "lowest", "available")
    )
    for translation_key, lowest, available in rows:
        ProductPage.objects.filter(translation_key=translation_key).update(min_price=lowest, in_stock=available)
