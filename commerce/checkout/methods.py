"""Provider-neutral checkout interfaces (docs/checkout.md, docs/shipping.md).

What is offered comes from the shipping zones (commerce.shipping): per destination and customer type
the carrier products, their prices, free-shipping thresholds and delivery times, and the payment
methods. Every shipping and payment method is registered by its app at startup (commerce.orders.providers,
the shop's one provider registry); the checkout only talks to these protocols.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from commerce.orders import providers
from commerce.pricing.context import PriceContext
from commerce.pricing.money import to_cent
from commerce.pricing.vat import EXPORT_COUNTRIES, home_rate, net_from_gross, shipping_vat
from commerce.shipping.services import Rate, customer_type_for, rates_for, shipping_data

if TYPE_CHECKING:
    from commerce.companies.models import Company

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckoutSnapshot:
    context: PriceContext
    country: str
    postal_code: str
    weight_grams: int
    goods_gross: Decimal  # after discounts
    goods_net: Decimal
    company: Company | None
    user: object | None
    # Net goods value per VAT rate after discounts (the shipping's VAT follows it).
    goods_net_by_rate: Mapping[Decimal, Decimal] = field(default_factory=dict)
    # The zone's rates for this destination and customer type (set by `shipping_offers` for the providers).
    rates: tuple[Rate, ...] = ()

    @property
    def customer_type(self) -> str:
        return customer_type_for(self.context.is_b2b)


@dataclass(frozen=True)
class ShippingOffer:
    method_code: str
    name: str
    net: Decimal
    gross: Decimal
    delivery_time: str
    service_point_required: bool = False
    provider_method_id: str = ""
    # The carrier's product ("dhl-paket"): offered once per checkout, whichever method knows it.
    carrier_product: str = ""
    # Whose pickup points the buyer chooses from (offers with `service_point_required`).
    pickup_point_carrier: str = ""


def free_shipping(snapshot: CheckoutSnapshot) -> bool:
    """The zone's free-shipping rule for every offer: consumers from its threshold on gross goods,
    businesses from its threshold on net goods (both after discounts)."""
    zone = shipping_data().zone_for(snapshot.country)
    threshold = zone.free_from(snapshot.customer_type) if zone is not None else None
    if threshold is None:
        return False
    goods = snapshot.goods_net if snapshot.context.is_b2b else snapshot.goods_gross
    return goods >= threshold


def list_charge(list_gross: Decimal, *, is_b2b: bool, country: str) -> tuple[Decimal, bool]:
    """What a price list's shipping amount (a German gross price) comes to before the delivery's VAT, and
    whether that amount includes the VAT: EU consumers pay it as listed; businesses and export buyers
    its net part at the German standard rate the list price was set with."""
    list_gross = to_cent(list_gross)
    if not is_b2b and country.upper() not in EXPORT_COUNTRIES:
        return list_gross, True
    return net_from_gross(list_gross, home_rate("standard")), False


def shipping_charge(list_gross: Decimal, snapshot: CheckoutSnapshot) -> tuple[Decimal, Decimal]:
    """Net and gross the buyer pays for shipping listed at `list_gross`, for every shipping method.

    Shipping prices are listed like catalogue prices, as German gross amounts; above the customer
    type's threshold (`free_shipping`) every method is free. `list_charge` says what is charged; its
    VAT follows the goods (`shipping_vat`), so the totals of the order come to the same figures.
    """
    if to_cent(list_gross) == 0 or free_shipping(snapshot):
        return Decimal("0.00"), Decimal("0.00")
    charge, includes_vat = list_charge(list_gross, is_b2b=snapshot.context.is_b2b, country=snapshot.country)
    parts = shipping_vat(charge, snapshot.goods_net_by_rate, includes_vat=includes_vat)
    return sum((p.net for p in parts), Decimal("0.00")), sum((p.gross for p in parts), Decimal("0.00"))


def rate_offer(
    rate: Rate,
    snapshot: CheckoutSnapshot,
    *,
    method_code: str = "",
    provider_method_id: str = "",
    service_point_required: bool = False,
) -> ShippingOffer:
    """The offer of a zone rate, priced by `shipping_charge`; providers pass their own method code."""
    net, gross = shipping_charge(rate.price, snapshot)
    return ShippingOffer(
        method_code=method_code or f"zone:{rate.carrier_product}",
        name=rate.name,
        net=net,
        gross=gross,
        delivery_time=rate.delivery_time,
        service_point_required=service_point_required or not rate.home_delivery,
        provider_method_id=provider_method_id or rate.provider_method_code,
        carrier_product=rate.carrier_product,
        pickup_point_carrier=rate.pickup_point_carrier,
    )


class ShippingMethod(Protocol):
    """A shipping provider. `offers` turns the zone rates in `snapshot.rates` whose
    `provider_method_code` it serves at the address into offers (`rate_offer`), and raises when it
    cannot answer. Methods whose offers may require a pickup point also implement
    `service_points(offer, snapshot, postal_code) -> list` of objects with `id, name, street,
    house_number, postal_code, city` (and raise on provider errors)."""

    code: str

    def offers(self, snapshot: CheckoutSnapshot) -> list[ShippingOffer]: ...


@dataclass(frozen=True)
class PaymentStart:
    redirect_url: str | None
    instructions: str = ""


class PaymentStartFailed(Exception):
    """`start()` could not send the buyer to the provider. The order stays placed (awaiting payment);
    the buyer is sent to `retry_url` (default: the order confirmation) with `message`."""

    def __init__(self, message="", retry_url: str = ""):
        self.message = message
        self.retry_url = retry_url
        super().__init__(str(message))


class PaymentMethod(Protocol):
    """Optional: `redirect_origins() -> tuple[str, ...]`, the origins `start()` may redirect to
    (hosted payment pages); the review page allows them as CSP `form-action`."""

    code: str
    name: str

    def is_available(self, snapshot: CheckoutSnapshot) -> bool: ...

    def start(self, order, request) -> PaymentStart: ...


def shipping_methods() -> tuple[ShippingMethod, ...]:
    return providers.shipping_methods()


def payment_methods() -> tuple[PaymentMethod, ...]:
    return providers.payment_methods()


def method_of(offer: ShippingOffer) -> ShippingMethod | None:
    """The method that made `offer` (offer codes are `<method code>` or `<method code>:<id>`)."""
    return next(
        (m for m in shipping_methods() if offer.method_code == m.code or offer.method_code.startswith(f"{m.code}:")),
        None,
    )


def shipping_offers(snapshot: CheckoutSnapshot, *, ask_providers: bool = True) -> list[ShippingOffer]:
    """The zone's offers for the destination and customer type, each carrier product once, cheapest first.

    A rate mapped to a provider shipping method is offered as the provider's offer when the provider
    lists that method for the address and weight (it becomes a parcel with that method). When no
    provider could be asked (unreachable, none installed, or `ask_providers` is false, as for an
    estimate), its home deliveries are offered at the zone's price all the same; pickup points need
    the provider. Rates without a provider method are always offered. A failing provider is logged.
    """
    rates = rates_for(snapshot.country, snapshot.customer_type)
    if not rates:
        return []
    snapshot = replace(snapshot, rates=rates)
    provided: list[ShippingOffer] = []
    answered = False
    for method in shipping_methods() if ask_providers else ():
        try:
            found = method.offers(snapshot)
        except Exception:
            logger.warning("shipping method %s failed", getattr(method, "code", method), exc_info=True)
            continue
        answered = True
        provided.extend(found)
    products = {rate.carrier_product for rate in rates}
    own = [
        rate_offer(rate, snapshot)
        for rate in rates
        if not rate.provider_method_code or (not answered and rate.home_delivery)
    ]
    offers: list[ShippingOffer] = []
    seen: set[str] = set()
    for offer in provided + own:
        product = offer.carrier_product or offer.method_code
        if product in seen or product not in products:
            continue
        seen.add(product)
        offers.append(offer)
    return sorted(offers, key=lambda offer: (offer.gross, offer.name))


def default_offer(offers: Sequence[ShippingOffer]) -> ShippingOffer | None:
    """The offer chosen until the buyer picks one: the cheapest home delivery, never a pickup point."""
    return next((o for o in offers if not o.service_point_required), offers[0] if offers else None)


def available_payment_methods(snapshot: CheckoutSnapshot) -> list[PaymentMethod]:
    """The payment options for the customer type (in their order) whose method accepts the checkout."""
    methods = {method.code: method for method in payment_methods()}
    available = []
    for code in shipping_data().payment_codes(snapshot.customer_type):
        method = methods.get(code)
        if method is None:
            continue
        try:
            if method.is_available(snapshot):
                available.append(method)
        except Exception:
            logger.exception("payment method %s failed", getattr(method, "code", method))
    return available


def allow_payment_redirect(response, method):
    """Let the page's forms be redirected to the method's hosted page (CSP `form-action` also
    governs redirects after a form submission); a no-op for methods without one."""
    origins = tuple(getattr(method, "redirect_origins", lambda: ())()) if method is not None else ()
    if origins:
        response._csp_update = {"form-action": list(origins)}
    return response


def payment_method(code: str) -> PaymentMethod | None:
    return next((method for method in payment_methods() if method.code == code), None)
