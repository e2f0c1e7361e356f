"""Attach the request's priced cart (`request.priced_cart`) once, lazily.

The cart app's pages (cart page, header mini cart, add-to-cart answers) render the same
`PricedCheckout` as the checkout steps without importing the checkout: it is priced on first use,
at most once per request, and never asks a shipping provider.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from commerce.cart.lines import find_cart
from commerce.pricing.strategy import strategy_for

from .priced import Customer, PricedCheckout, price_checkout
from .session import CheckoutSession


def priced_for_request(request, cart=None, *, ask_providers: bool) -> PricedCheckout:
    """The request's cart priced for its buyer and checkout session (the HTTP side of price_checkout)."""
    session = CheckoutSession(request.session)
    cart = cart if cart is not None else find_cart(request.session, request.user)
    context = strategy_for(request).context_for(delivery_country=session.country)
    user = request.user if request.user.is_authenticated else None
    # The company only matters to the payment methods, which the cart pages do not show.
    customer = Customer.of(user) if ask_providers else Customer(user=user)
    return price_checkout(cart, context, customer, session, ask_providers=ask_providers)


class PricedCartMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.priced_cart = SimpleLazyObject(lambda: priced_for_request(request, ask_providers=False))
        return self.get_response(request)
