"""The checkout flow as plain functions: session state, method choice, and placing the order.

Placing never trusts the browser: the order is built from a fresh cart summary; the posted
token only identifies the checkout (idempotency key). Order, lines, stock, promo usage and
the emptied cart commit in one transaction; the payment method starts after the commit.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commerce.accounts.services import company_for_user
from commerce.cart.services import CartSummary, empty_cart, summarize_cart
from commerce.orders.models import Address, Order
from commerce.orders.services import place_order
from commerce.orders.stock import InsufficientStock, VariantUnavailable
from commerce.pricing.context import SESSION_DELIVERY_COUNTRY_KEY, price_context_for_request
from commerce.promotions.errors import PromoError
from commerce.promotions.services import record_usage

from .methods import CheckoutSnapshot, ShippingOffer, available_payment_methods, method_of, shipping_offers

logger = logging.getLogger(__name__)

STATE_KEY = "checkout"
PLACED_KEY = "placed_orders"


# --- session state -----------------------------------------------------------------------------


def state_of(request) -> dict:
    return dict(request.session.get(STATE_KEY) or {})


def save_state(request, state: dict) -> None:
    request.session[STATE_KEY] = state


def save_addresses(request, *, email: str, shipping: dict, billing: dict | None) -> None:
    state = state_of(request)
    state.update(email=email.strip(), shipping=shipping, billing=billing)
    state.pop("token", None)
    save_state(request, state)
    request.session[SESSION_DELIVERY_COUNTRY_KEY] = shipping["country"]


def save_methods(request, *, shipping_method: str, payment_method: str, service_point: dict | None = None) -> None:
    state = state_of(request)
    state.update(shipping_method=shipping_method, payment_method=payment_method, service_point=service_point)
    save_state(request, state)


@dataclass
class PickupPoints:
    """What the delivery step shows for pickup-point offers: the postal code searched and the points found."""

    offer: ShippingOffer | None = None
    postal_code: str = ""
    points: list = field(default_factory=list)
    error: str = ""


def pickup_points(view: CheckoutView, *, chosen_code: str = "", postal_code: str = "") -> PickupPoints | None:
    """Pickup points near `postal_code` (default: the shipping address) for the chosen pickup offer,
    else for the first one; None when no offer needs a pickup point. A provider outage is a message."""
    candidates = [offer for offer in view.offers if offer.service_point_required]
    if not candidates:
        return None
    offer = next((o for o in candidates if o.method_code == chosen_code), candidates[0])
    postal_code = (postal_code or view.snapshot.postal_code).strip()
    method = method_of(offer)
    if method is None or not hasattr(method, "service_points") or not postal_code:
        return PickupPoints(offer, postal_code)
    try:
        points = method.service_points(offer, view.snapshot, postal_code)
    except Exception:
        logger.warning("pickup points for %s unavailable", offer.method_code, exc_info=True)
        return PickupPoints(offer, postal_code, error=_("Pickup points cannot be loaded right now. Please try again."))
    return PickupPoints(offer, postal_code, list(points))


def review_token(request) -> str:
    """The checkout's idempotency key: made once per checkout, kept across review reloads."""
    state = state_of(request)
    if not state.get("token"):
        state["token"] = secrets.token_urlsafe(32)
        save_state(request, state)
    return state["token"]


def remember_fingerprint(request, summary: CartSummary) -> None:
    state = state_of(request)
    state["fingerprint"] = summary.fingerprint()
    save_state(request, state)


# --- pricing the checkout ------------------------------------------------------------------------


@dataclass
class CheckoutView:
    """Everything a step shows: the summary (with the chosen or cheapest shipping), offers, payment methods."""

    context: object
    summary: CartSummary
    snapshot: CheckoutSnapshot
    offers: list[ShippingOffer]
    payments: list
    offer: ShippingOffer | None
    payment: object | None


def checkout_view(request, cart, state: dict) -> CheckoutView:
    shipping = state.get("shipping") or {}
    country = shipping.get("country")
    context = price_context_for_request(request, delivery_country=country)
    user = request.user if request.user.is_authenticated else None
    company = company_for_user(user) if user else None
    base = summarize_cart(cart, context, shipping_offer=None)
    snapshot = CheckoutSnapshot(
        context=context,
        country=country or context.delivery_country,
        postal_code=shipping.get("postal_code", ""),
        weight_grams=base.weight_grams,
        goods_gross=base.goods_gross,
        goods_net=base.goods_net,
        company=company,
        user=user,
        goods_net_by_rate=base.goods_net_by_rate,
    )
    offers = shipping_offers(snapshot) if base.priced else []
    payments = available_payment_methods(snapshot) if base.priced else []
    offer = next((o for o in offers if o.method_code == state.get("shipping_method")), None)
    payment = next((p for p in payments if p.code == state.get("payment_method")), None)
    summary = summarize_cart(cart, context, shipping_offer=offer) if offer else base
    return CheckoutView(context, summary, snapshot, offers, payments, offer, payment)


# --- placing --------------------------------------------------------------------------------------


class CheckoutProblem(Exception):
    """The checkout cannot be placed as it is; `step` says where to send the shopper."""

    def __init__(self, message: str, step: str = "cart"):
        self.message = message
        self.step = step
        super().__init__(message)


def existing_order(request, token: str) -> Order | None:
    """A resubmitted token returns the order it already placed, for the session that placed it."""
    if not token:
        return None
    order = Order.objects.filter(idempotency_key=token).first()
    if order is not None and str(order.uuid) in request.session.get(PLACED_KEY, []):
        return order
    return None


def _address(data: dict) -> Address:
    return Address(**{key: data.get(key, "") for key in Address.__dataclass_fields__})


def place_checkout(request, cart, token: str) -> Order:
    """Place the order for the session's checkout, or raise CheckoutProblem (nothing written)."""
    state = state_of(request)
    if not token or token != state.get("token"):
        raise CheckoutProblem(_("Your checkout has expired. Please check your order again."), "review")
    if not state.get("email") or not state.get("shipping"):
        raise CheckoutProblem(_("Please enter your address."), "address")
    view = checkout_view(request, cart, state)
    summary = view.summary
    if not summary.priced:
        raise CheckoutProblem(_("Your cart is empty. Nothing was ordered."))
    if not summary.can_check_out:
        raise CheckoutProblem(_("Some items in your cart are no longer available as ordered. Nothing was ordered."))
    if view.offer is None or view.payment is None:
        raise CheckoutProblem(_("Please choose a shipping and a payment method."), "delivery")
    shipping = summary.shipping
    if view.offer.service_point_required:
        point = state.get("service_point")
        if not point:
            raise CheckoutProblem(_("Please choose a pickup point."), "delivery")
        shipping = replace(shipping, service_point_id=point["id"], service_point_label=point["label"])
    if summary.fingerprint() != state.get("fingerprint"):
        raise CheckoutProblem(_("Your cart changed since you reviewed it. Nothing was ordered; please check it again."))
    user = request.user if request.user.is_authenticated else None
    company = view.snapshot.company
    quotes = [line.quote for line in summary.priced]
    reverse_charge = any(q.reverse_charge for q in quotes)
    try:
        with transaction.atomic():
            order = place_order(
                idempotency_key=token,
                email=state["email"],
                lines=summary.priced_lines(),
                shipping_address=_address(state["shipping"]),
                billing_address=_address(state["billing"]) if state.get("billing") else None,
                shipping=shipping,
                payment_method=view.payment.code,
                customer_kind="b2b" if view.context.is_b2b else "b2c",
                user=user,
                company_name=company.name if company else "",
                company_vat_id=company.vat_id if company else "",
                reverse_charge=reverse_charge,
                reverse_charge_note=next((q.vat_note for q in quotes if q.reverse_charge), ""),
                language=(get_language() or "de")[:2],
            )
            record_usage(order, summary.codes, user, state["email"], discounts=summary.discounts.per_code)
            empty_cart(cart)
    except (InsufficientStock, VariantUnavailable):
        raise CheckoutProblem(
            _("Sorry, an item in your cart has just sold out or is no longer available. Nothing was ordered.")
        ) from None
    except PromoError as error:
        raise CheckoutProblem(error.message + " " + _("Nothing was ordered.")) from None
    placed = list(request.session.get(PLACED_KEY, []))
    placed.append(str(order.uuid))
    request.session[PLACED_KEY] = placed
    request.session.pop(STATE_KEY, None)
    return order


def payment_method_for(order: Order):
    from .methods import payment_method

    return payment_method(order.payment_method)


def start_payment(order: Order, request):
    """Start the order's payment (PaymentStart, or None); raises PaymentStartFailed.

    Orders not sent to a hosted payment page (prepayment, invoice) are confirmed by email now;
    hosted-payment orders are told once the money arrives ("payment received", invoice attached).
    The confirmation is deduplicated per order.
    """
    from commerce.orders.notifications import send_order_confirmation

    method = payment_method_for(order)
    start = method.start(order, request) if method is not None else None
    if start is None or not start.redirect_url:
        send_order_confirmation(order)
    return start
