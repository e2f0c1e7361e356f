"""Provider-neutral checkout interfaces (docs/checkout.md, /work/brief/CONTRACTS.md).

Shipping and payment providers plug in as classes listed in settings.CHECKOUT_SHIPPING_METHODS /
CHECKOUT_PAYMENT_METHODS; the checkout only talks to these protocols.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from commerce.pricing.context import PriceContext

if TYPE_CHECKING:
    from commerce.accounts.models import Company

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


@dataclass(frozen=True)
class ShippingOffer:
    method_code: str
    name: str
    net: Decimal
    gross: Decimal
    vat_rate: Decimal  # percent, like PriceQuote.vat_rate
    delivery_time: str
    service_point_required: bool = False
    provider_method_id: str = ""


class ShippingMethod(Protocol):
    """Methods whose offers may require a pickup point also implement
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


@cache
def _load(paths: tuple[str, ...]) -> tuple:
    return tuple(import_string(path)() for path in paths)


def shipping_methods() -> tuple[ShippingMethod, ...]:
    return _load(tuple(getattr(settings, "CHECKOUT_SHIPPING_METHODS", ())))


def payment_methods() -> tuple[PaymentMethod, ...]:
    return _load(tuple(getattr(settings, "CHECKOUT_PAYMENT_METHODS", ())))


def method_of(offer: ShippingOffer) -> ShippingMethod | None:
    """The method that made `offer` (offer codes are `<method code>` or `<method code>:<id>`)."""
    return next(
        (m for m in shipping_methods() if offer.method_code == m.code or offer.method_code.startswith(f"{m.code}:")),
        None,
    )


def shipping_offers(snapshot: CheckoutSnapshot) -> list[ShippingOffer]:
    """Every method's offers, cheapest first; a failing provider is logged and skipped."""
    offers: list[ShippingOffer] = []
    for method in shipping_methods():
        try:
            offers.extend(method.offers(snapshot))
        except Exception:
            logger.exception("shipping method %s failed", getattr(method, "code", method))
    return sorted(offers, key=lambda offer: (offer.gross, offer.name))


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
