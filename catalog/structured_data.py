"""schema.org data for product pages, built as plain dicts (the template tag serialises them).

Retail offers only: this ends up in cached HTML, so no customer-specific price may appear.
"""

from __future__ import annotations

from urllib.parse import urlencode

from catalog.models import ProductPage, ProductVariant, StockState
from catalog.prices import list_price

AVAILABILITY = {
    StockState.IN_STOCK: "https://schema.org/InStock",
    StockState.LOW: "https://schema.org/LimitedAvailability",
    StockState.BACKORDER: "https://schema.org/BackOrder",
    StockState.SOLD_OUT: "https://schema.org/OutOfStock",
}
GTIN_KEYS = {8: "gtin8", 12: "gtin12", 13: "gtin13", 14: "gtin14"}


def product_structured_data(page: ProductPage, variants: list[ProductVariant], *, request, images=()) -> dict:
    url = page.get_full_url(request)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.title,
        "url": url,
    }
    description = page.short_description or page.search_description
    if description:
        data["description"] = description
    image_urls = [request.build_absolute_uri(item.image.file.url) for item in images if item.image_id]
    if image_urls:
        data["image"] = image_urls
    brand = page.brand if page.brand_id else None
    if brand is not None:
        data["brand"] = {"@type": "Brand", "name": brand.name}

    offers = [_offer(variant, url) for variant in variants]
    if len(variants) == 1:
        data.update(_identifiers(variants[0]))
        data["offers"] = offers[0]
    elif variants:
        prices = [list_price(v).amount for v in variants]
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": "EUR",
            "lowPrice": str(min(prices)),
            "highPrice": str(max(prices)),
            "offerCount": len(variants),
            "offers": offers,
        }
    return data


def _identifiers(variant: ProductVariant) -> dict:
    ids = {"sku": variant.sku}
    if variant.ean and len(variant.ean) in GTIN_KEYS:
        ids[GTIN_KEYS[len(variant.ean)]] = variant.ean
    return ids


def _offer(variant: ProductVariant, product_url: str) -> dict:
    return {
        "@type": "Offer",
        "name": variant.size_label,
        "url": f"{product_url}?{urlencode({'variant': variant.sku})}",
        "price": str(list_price(variant).amount),
        "priceCurrency": "EUR",
        "availability": AVAILABILITY[variant.stock_state],
        "itemCondition": "https://schema.org/NewCondition",
        **_identifiers(variant),
    }
