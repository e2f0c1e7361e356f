"""The priced checkout: the cart's goods, the shipping offers and the chosen or estimated shipping,
the payment methods, and the totals, computed once per request and handed to every page.

Subtotal, discount, shipping, VAT per rate and total are decided here and only here
(`PricedCheckout.shown`, commerce.orders.totals.shown_totals); the cart page, the header's mini
cart, the checkout steps and later the API render this object, and the order is placed from it.
The cart page and the mini cart price without asking any shipping provider: their shipping is
the shipping zone's home delivery for the delivery country (`ask_providers=False`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from commerce.cart.models import Cart
from commerce.cart.summary import CartSummary, summarize_cart
from commerce.companies.services import company_for_user
from commerce.orders.totals import OrderTotals, ShippingChoice, ShownTotals, compute_totals, shown_totals

from .methods import (
    CheckoutSnapshot,
    ShippingOffer,
    available_payment_methods,
    default_offer,
    shipping_offers,
)
from .session import CheckoutSession

ZERO = Decimal("0.00")
NO_SHIPPING = ShippingChoice(code="", name="", net=ZERO, gross=ZERO)


@dataclass(frozen=True)
class Customer:
    """Who buys: the signed-in user (or None for a guest) and the approved company they buy for."""

    user: object | None = None
    company: object | None = None

    @classmethod
    def of(cls, user) -> Customer:
        if user is None or not user.is_authenticated:
            return cls()
        return cls(user=user, company=company_for_user(user))


@dataclass
class PricedCheckout:
    """Everything a cart or checkout page shows, and what placing the order uses."""

    context: object
    summary: CartSummary
    snapshot: CheckoutSnapshot
    offers: list[ShippingOffer]
    payments: list
    offer: ShippingOffer | None  # the chosen offer (checkout) or the estimated home delivery (cart)
    payment: object | None
    shipping: ShippingChoice | None
    totals: OrderTotals | None
    shown: ShownTotals | None
    chosen: bool = False  # `offer` is the shopper's choice, not an estimate
    warnings: list[str] = field(default_factory=list)

    @property
    def display_mode(self) -> str:
        return self.summary.display_mode

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the shopper agreed to changes (lines, prices, discounts, shipping)."""
        parts = [
            f"{p.variant_id}:{p.quantity}:{p.unit_net}:{p.unit_gross}:{p.vat_rate}:{p.discount_gross}"
            for p in self.summary.priced_lines()
        ]
        if self.shipping:
            parts.append(f"ship:{self.shipping.code}:{self.shipping.net}:{self.shipping.gross}")
        if self.totals:
            parts.append(f"total:{self.totals.total_gross}")
        parts.append("blocking" if not self.summary.can_check_out else "ok")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


def price_checkout(
    cart: Cart | None, context, customer: Customer, session: CheckoutSession, *, ask_providers: bool = True
) -> PricedCheckout:
    """Price the cart for this buyer and checkout state. A fixed number of queries.

    With `ask_providers` (the checkout steps) every method's offers are asked and the shopper's
    chosen offer counts; without (cart, mini cart) no provider is asked: the zone's home deliveries
    at the zone's prices, the chosen one if it is among them, else the cheapest.
    """
    summary = summarize_cart(cart, context)
    address = session.shipping_address
    snapshot = CheckoutSnapshot(
        context=context,
        country=address.get("country") or context.delivery_country,
        postal_code=address.get("postal_code", ""),
        weight_grams=summary.weight_grams,
        goods_gross=summary.goods_gross,
        goods_net=summary.goods_net,
        company=customer.company,
        user=customer.user,
        goods_net_by_rate=summary.goods_net_by_rate,
    )
    offers, payments = [], []
    if summary.priced:
        offers = shipping_offers(snapshot, ask_providers=ask_providers)
        payments = available_payment_methods(snapshot) if ask_providers else []
    chosen = next((o for o in offers if o.method_code == session.shipping_method), None)
    offer = chosen or default_offer(offers)
    payment = next((p for p in payments if p.code == session.payment_method), None)
    shipping = None
    if offer is not None:
        free = summary.discounts.free_shipping
        shipping = ShippingChoice(
            code=offer.method_code,
            name=offer.name,
            net=ZERO if free else offer.net,
            gross=ZERO if free else offer.gross,
        )
    totals = shown = None
    if summary.priced:
        lines = summary.priced_lines()
        totals = compute_totals(lines, shipping or NO_SHIPPING, prices_include_vat=summary.prices_include_vat)
        for s, amounts in zip(summary.priced, totals.lines, strict=True):
            s.total = amounts.gross if summary.prices_include_vat else amounts.net
        shown = shown_totals(
            totals,
            lines,
            prices_include_vat=summary.prices_include_vat,
            shipping_name=shipping.name if shipping else "",
            shipping_known=shipping is not None,
        )
    return PricedCheckout(
        context=context,
        summary=summary,
        snapshot=snapshot,
        offers=offers,
        payments=payments,
        offer=offer if (chosen or not ask_providers) else None,
        payment=payment,
        shipping=shipping,
        totals=totals,
        shown=shown,
        chosen=chosen is not None,
    )
