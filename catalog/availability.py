"""Availability outside the page editor: listing fields after stock or price changes (orders, stock
imports), and the delivery time the product page and the cart show."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Q
from django.utils.translation import gettext

from catalog.models import ProductPage, ProductVariant, StockState
from content.page_cache import purge_page


def refresh_listing_fields(product_ids: Iterable[int]) -> None:
    """Recompute `min_price` / `in_stock` of the given source products and copy them to their translations.

    Same rule as `ProductPage.refresh_listing_fields`, as two queries plus one UPDATE per product,
    so commerce can call it after allocating stock without loading pages; then purges their cached pages.
    """
    product_ids = list(product_ids)
    active = ProductVariant.objects.filter(product_id=OuterRef("pk"), active=True)
    rows = (
        ProductPage.objects.filter(pk__in=product_ids)
        .annotate(
            lowest=Min("variants__retail_price", filter=Q(variants__active=True)),
            available=Exists(active.filter(Q(stock_quantity__gt=0) | Q(backorder_allowed=True))),
        )
        .values_list("translation_key", "lowest", "available")
    )
    for translation_key, lowest, available in rows:
        ProductPage.objects.filter(translation_key=translation_key).update(min_price=lowest, in_stock=available)
    purge_availability(product_ids)


def purge_availability(product_ids: Iterable[int]) -> None:
    """Cached pages showing these products go stale: a size that sold out (or came back) must not keep
    its "Add to cart" (or "Sold out") in the shared HTML. Called exactly when availability changes."""
    for page in ProductPage.objects.filter(pk__in=list(product_ids)).defer_streamfields():
        purge_page(page)


# --- Delivery time shown before checkout -------------------------------------------------

HOME_COUNTRY = "DE"  # the shop's home country (commerce.pricing.vat.HOME_COUNTRY; catalog does not import commerce)
FALLBACK_SHIPPING_DAYS = (2, 3)  # the flat-rate DHL Paket's domestic time (commerce.checkout.shipping)
DAYS_PATTERN = re.compile(r"(\d+)\s*(?:[–—-]\s*(\d+))?")  # "2–3 Werktage", "2-3 days", "3 Werktage"


@dataclass(frozen=True)
class DeliveryTime:
    """Working days from order to arrival for a variant: the home delivery's time plus any backorder lead."""

    state: str
    min_days: int
    max_days: int

    @property
    def orderable(self) -> bool:
        return self.state != StockState.SOLD_OUT

    @property
    def label(self) -> str:
        days = {"min": self.min_days, "max": self.max_days}
        span = "%(min)s–%(max)s" if self.min_days != self.max_days else "%(min)s"
        if self.state == StockState.SOLD_OUT:
            return gettext("Sold out")
        if self.state == StockState.BACKORDER:
            text = gettext("Available to order – delivery time approx. %(days)s working days")
        else:
            text = gettext("Delivery time: %(days)s working days")
        return text % {"days": span % days}


def home_shipping_days() -> tuple[int, int]:
    """Working days of the default home delivery (SENDCLOUD_DEFAULT_METHOD_ID's offer) to the home country.

    Read from the same offer table the checkout shows, so the product page and the cart promise
    what the checkout later offers. An offer without a parsable "2–3 Werktage" falls back to the
    flat rate's time.
    """
    default_id = str(getattr(settings, "SENDCLOUD_DEFAULT_METHOD_ID", ""))
    offer = next((o for o in getattr(settings, "SENDCLOUD_OFFERS", []) if str(o.get("method_id")) == default_id), {})
    table = offer.get("delivery_time", "")
    text = table.get(HOME_COUNTRY) or table.get("EU", "") if isinstance(table, Mapping) else table
    match = DAYS_PATTERN.search(str(text))
    if not match:
        return FALLBACK_SHIPPING_DAYS
    low = int(match.group(1))
    high = int(match.group(2) or low)
    return min(low, high), max(low, high)


def delivery_time(variant: ProductVariant) -> DeliveryTime:
    """What the product page and the cart say about a variant's delivery: one rule for both.

    In stock: the home delivery's days. Backorder: those days plus the variant's lead time.
    Sold out (no stock, no backorder): not orderable. Reads only the variant's own fields and
    settings, so it costs no query and is the same for every visitor (cacheable HTML).
    """
    low, high = home_shipping_days()
    state = variant.stock_state
    if state == StockState.BACKORDER:
        lead = variant.backorder_lead_days or 0
        return DeliveryTime(state, low + lead, high + lead)
    return DeliveryTime(state, low, high)
