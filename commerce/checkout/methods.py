"""Provider-neutral checkout interfaces (docs/checkout.md).

Every shipping and payment method is registered by its app at startup (commerce.orders.providers,
the shop's one provider registry); the checkout only talks to these protocols.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.conf import settings

from commerce.orders import providers
from commerce.pricing.context import PriceContext
from commerce.pricing.money import to_cent
from commerce.pricing.vat import EXPORT_COUNTRIES, home_rate, net_from_gross, shipping_vat

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


def zone_value(table: str | Mapping[str, str], country: str) -> str:
    """A per-destination setting: one value for every country, or a table keyed by country with
    "EU" for every other delivery country (like FLAT_SHIPPING_RATES)."""
    if isinstance(table, Mapping):
        return table.get(country.upper()) or table["EU"]
    return table


def free_shipping(snapshot: CheckoutSnapshot) -> bool:
    """The shop's free-shipping rule for every method: consumers from FREE_SHIPPING_THRESHOLD gross
    goods, businesses from FREE_SHIPPING_THRESHOLD_B2B_NET net goods (both after discounts)."""
    if snapshot.context.is_b2b:
        return snapshot.goods_net >= Decimal(str(settings.FREE_SHIPPING_THRESHOLD_B2B_NET))
    return snapshot.goods_gross >= Decimal(str(settings.FREE_SHIPPING_THRESHOLD))


def shipping_charge(list_gross: Decimal, snapshot: CheckoutSnapshot) -> tuple[Decimal, Decimal]:
    """Net and gross the buyer pays for shipping listed at `list_gross`, for every shipping method.

    Shipping prices are listed like catalogue prices, as German gross amounts; above the customer
    type's threshold (`free_shipping`) every method is free. EU consumers pay the listed amount;
    businesses and export buyers pay its net part (taken out at the German standard rate the list
    price was set with) plus the VAT of the delivery. That VAT follows the goods (`shipping_vat`),
    so the totals of the order come to the same figures.
    """
    list_gross = to_cent(list_gross)
    if list_gross == 0 or free_shipping(snapshot):
        return Decimal("0.00"), Decimal("0.00")
    includes_vat = not snapshot.context.is_b2b and snapshot.country.upper() not in EXPORT_COUNTRIES
    charge = list_gross if includes_vat else net_from_gross(list_gross, home_rate("standard"))
    parts = shipping_vat(charge, snapshot.goods_net_by_rate, includes_vat=includes_vat)
    return sum((p.net for p in parts), Decimal("0.00")), sum((p.gross for p in parts), Decimal("0.00"))


class ShippingMethod(Protocol):
    """Methods whose offers may require a pickup point also implement
    `service_points(offer, snapshot, postal_code) -> list` of objects with `id, name, street,
    house_number, postal_code, city` (and raise on provider errors)."""

    code: str
    # A fallback method's offer is dropped when another method offers the same carrier product.
    fallback: bool = False

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


def shipping_offers(snapshot: CheckoutSnapshot) -> list[ShippingOffer]:
    """Every method's offers, each carrier product once, cheapest first; a failing provider is
    logged and skipped.

    A carrier product offered by a provider (Sendcloud) and by a fallback method (the flat rate)
    is the provider's: its offer can become a parcel with the carrier's method. The fallback's
    offer stays when the provider is unreachable or does not serve the destination.
    """
    provided: list[ShippingOffer] = []
    fallbacks: list[ShippingOffer] = []
    for method in shipping_methods():
        try:
            found = method.offers(snapshot)
        except Exception:
            logger.exception("shipping method %s failed", getattr(method, "code", method))
            continue
        (fallbacks if getattr(method, "fallback", False) else provided).extend(found)
    offers: list[ShippingOffer] = []
    seen: set[str] = set()
    for offer in provided + fallbacks:
        product = offer.carrier_product or offer.method_code
        if product in seen:
            continue
        seen.add(product)
        offers.append(offer)
    return sorted(offers, key=lambda offer: (offer.gross, offer.name))


def default_offer(offers: Sequence[ShippingOffer]) -> ShippingOffer | None:
    """The offer chosen until the buyer picks one: the cheapest home delivery, never a pickup point."""
    return next((o for o in offers if not o.service_point_required), offers[0] if offers else None)


def available_payment_methods(snapshot: CheckoutSnapshot) -> list[PaymentMethod]:
    available = []
    for method in payment_methods():
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
