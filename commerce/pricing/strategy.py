"""The request's pricing strategy: who is buying, and what each variant costs them.

`PricingStrategyMiddleware` attaches one `PricingStrategy` to every request as
`request.strategy` (django-oscar's pattern). It resolves the request's `PriceContext` lazily
and once, so the anonymous HTML cache path never pays for it, and every client (templates,
cart, checkout, later the API) asks the same object. Storefront prices go through `price()`:
the list price for everybody, except a signed-in buyer of an approved company, who gets the
company's net price from the engine. Responses for signed-in visitors are private
(`PrivateResponseMiddleware`), so company prices never reach cacheable HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property

from catalog.prices import ShownPrice, list_price

from .context import PriceContext, price_context_for_request
from .engine import PriceQuote, quote_many, tier_quotes

# Template context variables whose variants a page shows: quoted together on the first price asked.
PAGE_VARIANT_KEYS = ("variants",)
PAGE_PRODUCT_KEYS = ("products", "related_products")


class PricingStrategy:
    def __init__(self, request):
        self._request = request
        self._quotes: dict[int, PriceQuote] = {}

    @cached_property
    def context(self) -> PriceContext:
        """The request's price context (customer kind, company, delivery country), resolved once."""
        return price_context_for_request(self._request)

    def context_for(self, *, delivery_country: str | None = None) -> PriceContext:
        """The same buyer, delivering to `delivery_country` (the checkout's address), else as stored."""
        context = self.context
        if delivery_country is None or delivery_country == context.delivery_country:
            return context
        return dataclasses.replace(context, delivery_country=delivery_country)

    @property
    def is_b2b(self) -> bool:
        """Only a signed-in visitor can buy for a company: anonymous requests never resolve a context."""
        user = getattr(self._request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return self.context.is_b2b

    def price(self, variant, *, with_tiers: bool = False) -> ShownPrice:
        """What the storefront shows for one unit of `variant` to this buyer."""
        if not self.is_b2b:
            return list_price(variant)
        self.quote_page([variant])
        unit = self._quotes[variant.pk]
        return ShownPrice(
            amount=unit.unit_net,
            compare_at=None,
            base_amount=unit.base_price_per_unit,
            base_unit=unit.base_unit,
            net=True,
            tiers=self.tiers(variant) if with_tiers else (),
        )

    def quote_page(self, variants: Iterable) -> None:
        """Quote every variant of a page not quoted yet, in one go (a fixed number of queries).

        Pricing the cards one by one would cost the engine's queries per card; list prices cost none.
        """
        if not self.is_b2b:
            return
        missing = list({v.pk: v for v in variants if v is not None and v.pk not in self._quotes}.values())
        if missing:
            quotes = quote_many([(variant, 1) for variant in missing], self.context)
            self._quotes.update(zip((v.pk for v in missing), quotes, strict=True))

    def tiers(self, variant) -> tuple[tuple[int, Decimal], ...]:
        """The company's tier table for `variant`: (from quantity, unit net), empty without real tiers."""
        if not self.is_b2b:
            return ()
        tiers = tier_quotes(variant, self.context)
        if not any(tier.quantity > 1 for tier in tiers):
            return ()
        return tuple((tier.quantity, tier.unit_net) for tier in tiers)


def variants_on_page(template_context) -> list:
    """The variants a page shows: its own, and the cheapest of every product card it lists."""
    wanted = []
    for key in PAGE_VARIANT_KEYS:
        wanted.extend(template_context.get(key) or ())
    for key in PAGE_PRODUCT_KEYS:
        for product in template_context.get(key) or ():
            card = getattr(product, "card", None)
            cheapest = getattr(card, "cheapest", None) if card is not None else None
            if cheapest is not None:
                wanted.append(cheapest)
    return wanted


def strategy_for(request) -> PricingStrategy:
    """The request's strategy; attached here for requests that did not pass the middleware (tests, mails)."""
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = PricingStrategy(request)
        request.strategy = strategy
    return strategy


class PricingStrategyMiddleware:
    """Attach `request.strategy` once; it costs nothing until a price is asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.strategy = PricingStrategy(request)
        return self.get_response(request)
