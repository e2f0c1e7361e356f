"""The checkout flow as plain functions: session state, method choice, and placing the order.

Placing never trusts the browser: the order is built from a fresh cart summary; the posted
token only identifies the checkout (idempotency key). The placing transaction claims the cart
first (row lock), so two sessions of one customer submitting the same cart make one order; order,
lines, stock, credit, promo usage and the emptied cart commit together; the payment method
starts after the commit.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commerce.cart.services import (
    CartAlreadyOrdered,
    CartChangedWhilePlacing,
    CartSummary,
    already_ordered,
    cart_ordered,
    claim_cart,
    summarize_cart,
)
from commerce.companies.services import company_for_user
from commerce.orders.access import PLACED_ORDERS_SESSION_KEY, placed_in_session, remember_placed_order
from commerce.orders.credit import CreditLimitExceeded, available_credit, may_buy_on_account
from commerce.orders.models import Address, Order, PaymentMethodCode
from commerce.orders.services import place_order
from commerce.orders.stock import InsufficientStock, VariantUnavailable
from commerce.pricing.context import SESSION_DELIVERY_COUNTRY_KEY, price_context_for_request
from commerce.promotions.errors import PromoError
from commerce.promotions.services import record_usage

from .methods import CheckoutSnapshot, ShippingOffer, available_payment_methods, method_of, shipping_offers

logger = logging.getLogger(__name__)

STATE_KEY = "checkout"
PLACED_KEY = PLACED_ORDERS_SESSION_KEY


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


class CheckoutAlreadyOrdered(CheckoutProblem):
    """The cart was ordered by another submit (another session of the same customer): show `order`."""

    def __init__(self, order: Order, message: str):
        self.order = order
        super().__init__(message)


def existing_order(request, token: str) -> Order | None:
    """A resubmitted token returns the order it already placed, for the session that placed it."""
    if not token:
        return None
    order = Order.objects.filter(idempotency_key=token).first()
    if order is not None and placed_in_session(request, order.uuid):
        return order
    return None


def _ordered_already(order: Order, token: str) -> Order:
    """The order that claimed the cart: ours (a double submit of this checkout) or another session's."""
    if order.idempotency_key == token:
        return order
    raise CheckoutAlreadyOrdered(order, CartAlreadyOrdered(order).message)


def _address(data: dict) -> Address:
    return Address(**{key: data.get(key, "") for key in Address.__dataclass_fields__})


def _refuse_lost_invoice(view: CheckoutView, state: dict) -> None:
    """The invoice chosen at the delivery step is gone because the company's credit is used up
    (another buyer of the company ordered meanwhile): say so, rather than "choose a method"."""
    company = view.snapshot.company
    if state.get("payment_method") != PaymentMethodCode.INVOICE or not may_buy_on_account(company):
        return
    amount = view.summary.totals.total_gross if view.summary.totals else view.summary.goods_gross
    available = available_credit(company)
    if amount > available:
        raise CheckoutProblem(CreditLimitExceeded(amount=amount, available=available).message, "delivery")


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
        ordered = already_ordered(cart)
        if ordered is not None:
            return _remember(request, _ordered_already(ordered, token))
        raise CheckoutProblem(_("Your cart is empty. Nothing was ordered."))
    if not summary.can_check_out:
        raise CheckoutProblem(_("Some items in your cart are no longer available as ordered. Nothing was ordered."))
    if view.offer is None or view.payment is None:
        _refuse_lost_invoice(view, state)
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
    lines = summary.priced_lines()
    try:
        with transaction.atomic():
            # First lock of the placement (see commerce.orders.lock_objects): the cart is claimed.
            claim_cart(cart, lines)
            order = place_order(
                idempotency_key=token,
                email=state["email"],
                lines=lines,
                shipping_address=_address(state["shipping"]),
                billing_address=_address(state["billing"]) if state.get("billing") else None,
                shipping=shipping,
                payment_method=view.payment.code,
                customer_kind="b2b" if view.context.is_b2b else "b2c",
                user=user,
                company=company,
                reverse_charge=reverse_charge,
                reverse_charge_note=next((q.vat_note for q in quotes if q.reverse_charge), ""),
                language=(get_language() or "de")[:2],
            )
            record_usage(order, summary.codes, user, state["email"], discounts=summary.discounts.per_code)
            cart_ordered(cart, order)
    except CartAlreadyOrdered as already:
        return _remember(request, _ordered_already(already.order, token))
    except CartChangedWhilePlacing:
        raise CheckoutProblem(
            _("Your cart changed since you reviewed it. Nothing was ordered; please check it again.")
        ) from None
    except CreditLimitExceeded as refused:
        raise CheckoutProblem(refused.message, "delivery") from None
    except (InsufficientStock, VariantUnavailable):
        raise CheckoutProblem(
            _("Sorry, an item in your cart has just sold out or is no longer available. Nothing was ordered.")
        ) from None
    except PromoError as error:
        raise CheckoutProblem(error.message + " " + _("Nothing was ordered.")) from None
    return _remember(request, order)


def _remember(request, order: Order) -> Order:
    """This session placed `order`: it may see it as a guest, and its checkout is done."""
    remember_placed_order(request, order)
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
