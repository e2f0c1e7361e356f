"""Availability outside the page editor: listing fields after stock or price changes (orders, stock
imports), and the delivery time the product page and the cart show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class DeliveryTime:
    """Working days from order to arrival for a variant: the home delivery's time plus any backorder lead.

    Without days (the shop has no home delivery to its home country) only the state is told.
    """

    state: str
    min_days: int | None
    max_days: int | None

    @property
    def orderable(self) -> bool:
        return self.state != StockState.SOLD_OUT

    @property
    def label(self) -> str:
        if self.state == StockState.SOLD_OUT:
            return gettext("Sold out")
        if self.min_days is None or self.max_days is None:
            return gettext("Available to order") if self.state == StockState.BACKORDER else ""
        days = {"min": self.min_days, "max": self.max_days}
        span = "%(min)s–%(max)s" if self.min_days != self.max_days else "%(min)s"
        if self.state == StockState.BACKORDER:
            text = gettext("Available to order – delivery time approx. %(days)s working days")
        else:
            text = gettext("Delivery time: %(days)s working days")
        return text % {"days": span % days}


def delivery_time(variant: ProductVariant, shipping_days: tuple[int, int] | None) -> DeliveryTime:
    """What the product page and the cart say about a variant's delivery: one rule for both.

    `shipping_days` are the working days of the home delivery to the home country, as the checkout
    offers it (commerce's shipping zones pass them in; the catalogue does not know shipping).
    In stock: those days. Backorder: those days plus the variant's lead time. Sold out (no stock,
    no backorder): not orderable. Reads only the variant's own fields, so it costs no query and is
    the same for every visitor (cacheable HTML).
    """
    state = variant.stock_state
    if shipping_days is None:
        return DeliveryTime(state, None, None)
    low, high = shipping_days
    if state == StockState.BACKORDER:
        lead = variant.backorder_lead_days or 0
        return DeliveryTime(state, low + lead, high + lead)
    return DeliveryTime(state, low, high)
