"""List prices and money formatting: what the catalogue knows about prices on its own.

A variant's list price is the gross retail price every anonymous visitor and consumer sees;
JSON-LD, sitemaps, feeds and anything else shared or cached use only this. Customer-specific
prices (a company's net price list) come from `commerce.pricing.strategy`, which returns the
same `ShownPrice`, so one card template renders both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalog.models import ProductVariant


@dataclass(frozen=True)
class ShownPrice:
    """A price as the storefront shows it: gross retail, or a company buyer's net price."""

    amount: Decimal
    compare_at: Decimal | None
    base_amount: Decimal | None
    base_unit: str | None
    net: bool = False
    tiers: tuple[tuple[int, Decimal], ...] = ()  # (from quantity, unit net), company buyers only


def list_price(variant: ProductVariant) -> ShownPrice:
    """The variant's gross retail price, with the compare-at price only where it is higher."""
    base = variant.base_price(variant.retail_price)
    compare_at = variant.compare_at_price
    if compare_at is not None and compare_at <= variant.retail_price:
        compare_at = None
    return ShownPrice(
        amount=variant.retail_price,
        compare_at=compare_at,
        base_amount=base[0] if base else None,
        base_unit=base[1] if base else None,
    )


def format_money(value: Decimal | None) -> str:
    """12,98 € in German, €12.98 in English."""
    if value is None:
        return ""
    amount = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if (get_language() or "de").startswith("de"):
        return f"{amount}\N{NO-BREAK SPACE}€"
    return f"€{amount}"


def base_price_label(price: ShownPrice | None) -> str:
    """ "12,98 €/kg" (PAngV), or "" without a net content."""
    if price is None or price.base_amount is None:
        return ""
    unit = price.base_unit
    if unit == "piece":
        unit = _("piece")
    return f"{format_money(price.base_amount)}/{unit}"
