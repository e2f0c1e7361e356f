"""Storefront template tags: the one place templates get a price from, and product JSON-LD.

`{% price_for variant as price %}` is the single door to prices in catalogue templates:
the retail price for everybody, except a signed-in buyer of an approved company, who gets
the company's net price (and, on request, its quantity tiers) from `commerce.pricing`.
Those responses are private (`CachedPageMixin` marks signed-in requests `private` and the
HTML cache neither serves nor stores them), so B2B prices never reach cacheable HTML.
`shown_price` stays retail-only: JSON-LD and anything else shared use it.
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
    """A price as the storefront shows it: gross retail, or a company buyer's net price."""

    amount: Decimal
    compare_at: Decimal | None
    base_amount: Decimal | None
    base_unit: str | None
    net: bool = False
    tiers: tuple[tuple[int, Decimal], ...] = ()  # (from quantity, unit net), company buyers only


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


def company_price(variant: ProductVariant, context, *, with_tiers: bool = False, quotes=None) -> ShownPrice:
    """A company buyer's net unit price (from quantity 1) and, if asked, the list's quantity tiers.

    `quotes` ({variant pk: PriceQuote}) holds the page's prices quoted together (see `_page_quotes`).
    """
    from commerce.pricing.engine import quote, tier_quotes

    unit = (quotes or {}).get(variant.pk) or quote(variant, 1, context)
    tiers = tier_quotes(variant, context) if with_tiers else []
    return ShownPrice(
        amount=unit.unit_net,
        compare_at=None,
        base_amount=unit.base_price_per_unit,
        base_unit=unit.base_unit,
        net=True,
        tiers=tuple((q.quantity, q.unit_net) for q in tiers) if any(q.quantity > 1 for q in tiers) else (),
    )


def company_price_context(request):
    """The B2B price context of a signed-in company buyer, else None (one lookup per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(request, "_company_price_context"):
        from commerce.pricing.context import price_context_for_request

        context = price_context_for_request(request)
        request._company_price_context = context if context.is_b2b else None
    return request._company_price_context


def _page_quotes(context, request, b2b) -> dict:
    """A company buyer's prices for every card and variant the page shows, quoted in one go.

    `quote_many` prices any number of variants with a fixed number of queries; pricing the cards
    one by one would cost queries per card. Memoised on the request; what the context does not
    list (e.g. cards inside StreamField blocks) is quoted on its own.
    """
    from commerce.pricing.engine import quote_many

    quotes = request.__dict__.setdefault("_company_quotes", {})
    wanted = list(context.get("variants") or ())
    for key in ("products", "related_products"):
        for product in context.get(key) or ():
            card = getattr(product, "card", None)
            cheapest = getattr(card, "cheapest", None) if card is not None else None
            if cheapest is not None:
                wanted.append(cheapest)
    missing = list({variant.pk: variant for variant in wanted if variant.pk not in quotes}.values())
    if missing:
        quotes.update(zip((v.pk for v in missing), quote_many([(v, 1) for v in missing], b2b), strict=True))
    return quotes


@register.simple_tag(takes_context=True)
def price_for(context, variant: ProductVariant | None, with_tiers: bool = False) -> ShownPrice | None:
    if variant is None:
        return None
    request = context.get("request")
    b2b = company_price_context(request)
    if b2b is None:
        return shown_price(variant)
    return company_price(variant, b2b, with_tiers=with_tiers, quotes=_page_quotes(context, request, b2b))


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
