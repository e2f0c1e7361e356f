"""Storefront template tags of the catalogue: money, availability, cards, product JSON-LD.

Content blocks store only their choices (content/blocks.py imports no other app); their
templates fetch the products through the tags here.

Prices come from `{% load pricing_tags %}{% price_for variant as price %}` (commerce.pricing),
which knows the buyer; this library knows only the catalogue.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalog import prices
from catalog.cards import attach_cards
from catalog.listing import live_products, products_by_rule
from catalog.listing import top_categories as site_top_categories
from catalog.models import ProductVariant, StockState
from catalog.structured_data import product_structured_data
from content.seo import site_for

register = template.Library()


@register.filter
def money(value: Decimal | None) -> str:
    """12,98 € in German, €12.98 in English."""
    return prices.format_money(value)


@register.filter
def base_price_label(price: prices.ShownPrice | None) -> str:
    """ "12,98 €/kg" (PAngV), or "" without a net content."""
    return prices.base_price_label(price)


@register.simple_tag
def availability_label(state: str, variant: ProductVariant | None = None) -> str:
    if state == StockState.LOW and variant is not None:
        return _("Only %(count)s left") % {"count": variant.stock_quantity}
    return str(StockState(state).label) if state in StockState.values else ""


@register.simple_tag(takes_context=True)
def product_jsonld(context, page, variants) -> str:
    """`<script type="application/ld+json">` with schema.org Product data (retail offers only)."""
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
        card = attach_cards([product])[0].card
    return card


@register.simple_tag
def chosen_products(products) -> list:
    """`{% chosen_products value.products as products %}`: a teaser's live products, cards in bulk."""
    return live_products(products)


@register.simple_tag(takes_context=True)
def products_for_rule(context, value) -> list:
    """`{% products_for_rule value as products %}`: the products a product-list block's rule selects."""
    page = context.get("page")
    return products_by_rule(
        category=value.get("category"),
        brand=value.get("brand"),
        certification=value.get("certification"),
        attribute=value.get("attribute"),
        sort=value.get("sort") or "newest",
        limit=value.get("limit") or 8,
        # The page's locale is known; Locale.get_active() would query for it again.
        locale=getattr(page, "locale_id", None),
    )


@register.simple_tag(takes_context=True)
def top_categories(context) -> list:
    """`{% top_categories as categories %}`: the site's main categories, for a search without results."""
    return site_top_categories(site_for(context.get("request")))
