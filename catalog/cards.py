"""Product cards: what a product tile shows, fetched in bulk for any number of products.

`attach_cards` costs three queries whatever the number of products (variants from the German
source pages, the galleries, the renditions), so listings, blocks and detail pages share it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.query import prefetch_related_objects

from catalog.models import ProductGalleryImage, ProductPage, ProductVariant, StockState, source_language

_STATE_RANK = [StockState.IN_STOCK, StockState.LOW, StockState.BACKORDER, StockState.SOLD_OUT]


@dataclass
class ProductCard:
    """What a product tile shows; filled in bulk by attach_cards."""

    variants: list[ProductVariant] = field(default_factory=list)
    gallery: list[ProductGalleryImage] = field(default_factory=list)

    @property
    def image(self):
        return self.gallery[0].image if self.gallery else None

    @property
    def alt_text(self) -> str:
        return self.gallery[0].alt_text if self.gallery else ""

    @property
    def cheapest(self) -> ProductVariant | None:
        return min(self.variants, key=lambda v: (v.retail_price, v.sort_order or 0), default=None)

    @property
    def price_varies(self) -> bool:
        return len({v.retail_price for v in self.variants}) > 1

    @property
    def stock_state(self) -> str:
        states = {v.stock_state for v in self.variants}
        return next((s for s in _STATE_RANK if s in states), StockState.SOLD_OUT)


def attach_cards(
    products: list[ProductPage], *, extra_images: list | None = None, full_gallery_of: ProductPage | None = None
) -> list[ProductPage]:
    """Give every product a `.card` with its sellable variants and first gallery image: 3 queries.

    Variants come from the German source pages (one query for all locales); `extra_images`
    (e.g. certification logos) get their renditions in the same query as the card images, and
    so does the whole gallery of `full_gallery_of` (the product a detail page shows).
    """
    products = list(products)
    if not products:
        if extra_images:
            prefetch_related_objects([i for i in extra_images if i is not None], "renditions")
        return products
    variants_by_key: dict = defaultdict(list)
    variants = ProductVariant.objects.filter(
        product__translation_key__in={p.translation_key for p in products},
        product__locale__language_code=source_language(),
        active=True,
    ).annotate(translation_key=F("product__translation_key"))
    for variant in variants.order_by("sort_order", "pk"):
        variants_by_key[variant.translation_key].append(variant)

    galleries: dict[int, list[ProductGalleryImage]] = defaultdict(list)
    gallery = ProductGalleryImage.objects.filter(product_id__in=[p.pk for p in products]).select_related("image")
    for item in gallery.order_by("product_id", "sort_order", "pk"):
        galleries[item.product_id].append(item)

    # Hand-picked products (a teaser block) come without their brand; a list already joined it costs nothing.
    prefetch_related_objects(products, "brand")
    images = [items[0].image for items in galleries.values()] + [i for i in (extra_images or []) if i is not None]
    if full_gallery_of is not None:
        images += [item.image for item in galleries.get(full_gallery_of.pk, [])[1:]]
    if images:
        prefetch_related_objects(list({id(i): i for i in images}.values()), "renditions")
    for product in products:
        items = galleries.get(product.pk, [])
        for item in items:
            item.alt_text = item.alt_text or product.title
        product.card = ProductCard(variants=variants_by_key.get(product.translation_key, []), gallery=items)
    return products
