"""Storefront template tags: the one place templates get a price from, and product JSON-LD.

`{% price_for variant as price %}` is the single door to prices in catalogue templates.
Today it shows the editor's retail price; `commerce.pricing` will replace the body of
`shown_price` (always with the anonymous/retail context on cached pages: B2B prices
are never rendered into cacheable HTML).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalog.models import ProductVariant, StockState

register = template.Library()

UNIT_LABELS = {"kg": "kg", "l": "l", "piece": "Stück"}


@dataclass(frozen=True)
class ShownPrice:
    """A retail price as the storefront shows it (gross EUR)."""

    amount: Decimal
    compare_at: Decimal | None
    base_amount: Decimal | None
    base_unit: str | None


def shown_price(variant: ProductVariant) -> ShownPrice:
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


@register.simple_tag
def price_for(variant: ProductVariant | None) -> ShownPrice | None:
    return shown_price(variant) if variant is not None else None


@register.filter
def money(value: Decimal | None) -> str:
    """12,98 € in German, €12.98 in English."""
    if value is None:
        return ""
    amount = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if (get_language() or "de").startswith("de"):
        return f"{amount}\N{NO-BREAK SPACE}€"
    return f"€{amount}"


@register.filter
def base_price_label(price: ShownPrice | None) -> str:
    """ "12,98 €/kg" (PAngV), or "" without a net content."""
    if price is None or price.base_amount is None:
        return ""
    unit = price.base_unit
    if unit == "piece":
        unit = _("piece")
    return f"{money(price.base_amount)}/{unit}"


@register.simple_tag
def availability_label(state: str, variant: ProductVariant | None = None) -> str:
    if state == StockState.LOW and variant is not None:
        return _("Only %(count)s left") % {"count": variant.stock_quantity}
    return str(StockState(state).label) if state in StockState.values else ""


@register.simple_tag(takes_context=True)
def product_jsonld(context, page, variants) -> str:
    """`<script type="application/ld+json">` with schema.org Product data (retail offers only)."""
    from catalog.structured_data import product_structured_data

    request = context["request"]
    data = product_structured_data(page, variants, request=request, images=context.get("gallery", []))
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    nonce = getattr(request, "csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        str(nonce) if nonce is not None else "",
        mark_safe(payload),  # noqa: S308 - JSON with <, > escaped, cannot close the script element
    )


@register.simple_tag
def product_card(product):
    """The card data of a product; attach_cards() fills it in bulk, this is the fallback for a lone product."""
    card = getattr(product, "card", None)
    if card is None:
        from catalog.listing import attach_cards

        card = attach_cards([product])[0].card
    return card
