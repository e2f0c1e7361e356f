"""`{% price_for variant as price %}`: the one door to prices in storefront templates.

Delegates to the request's pricing strategy (commerce/pricing/strategy.py).
"""

from django import template

from catalog.prices import ShownPrice, list_price
from commerce.pricing.strategy import strategy_for, variants_on_page

register = template.Library()


@register.simple_tag(takes_context=True)
def price_for(context, variant, with_tiers: bool = False) -> ShownPrice | None:
    if variant is None:
        return None
    request = context.get("request")
    if request is None:
        return list_price(variant)
    strategy = strategy_for(request)
    if strategy.is_b2b:
        strategy.quote_page(variants_on_page(context))
    return strategy.price(variant, with_tiers=with_tiers)
