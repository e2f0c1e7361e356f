"""The checkout flow as plain functions: what each step needs, pickup points, placing the order.

Every function takes the cart, the pricing context, the customer and the `CheckoutSession`
(never the request), so the storefront and an API call them unchanged. Placing never trusts the
browser: the order is built from a fresh `price_checkout`; the posted token only identifies the
checkout (idempotency key). The placing transaction claims the cart first (row lock), so two
sessions of one customer submitting the same cart make one order; order, lines, stock, credit,
promo usage and the emptied cart commit together; the payment method starts after the commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commerce.cart.lines import CartAlreadyOrdered, CartChangedWhilePlacing, already_ordered, cart_ordered, claim_cart
from commerce.orders.access import placed_in_session
from commerce.orders.credit import CreditLimitExceeded, available_credit, may_buy_on_account
from commerce.orders.models import Address, Order, PaymentMethodCode
from commerce.orders.notifications import send_order_confirmation
from commerce.orders.services import place_order
from commerce.orders.stock import InsufficientStock, VariantUnavailable
from commerce.promotions.errors import PromoError
from commerce.promotions.services import record_usage

from .methods import ShippingOffer, method_of, payment_method
from .priced import Customer, PricedCheckout, price_checkout
from .session import CheckoutSession

logger = logging.getLogger(__name__)


class CheckoutProblem(Exception):
    """The checkout cannot go on as it is; `step` says where to send the shopper ("cart" or a step)."""

    def __init__(self, message: str, step: str = "cart"):
        self.message = message
        self.step = step
        super().__init__(message)


class CheckoutAlreadyOrdered(CheckoutProblem):
    """The cart was ordered by another submit (another session of the same customer): show `order`."""

    def __init__(self, order: Order, message: str):
        self.order = order
        super().__init__(message)


# --- what each step needs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """Something a step needs; when it is missing the shopper goes to `step`. `shown` is the
    message on a page visit (None: redirect silently), `placing` the message when placing."""

    present: object  # (priced, session) -> bool
    step: str
    shown: object
    placing: object


NEEDS_ITEMS = Requirement(
    lambda priced, session: bool(priced.summary.lines),
    "cart",
    gettext_lazy("Your cart is empty."),
    gettext_lazy("Your cart is empty. Nothing was ordered."),
)
NEEDS_ADDRESS = Requirement(
    lambda priced, session: bool(session.email and session.shipping_address),
    "address",
    None,
    gettext_lazy("Please enter your address."),
)
NEEDS_ORDERABLE_CART = Requirement(
    lambda priced, session: priced.summary.can_check_out,
    "cart",
    gettext_lazy("Please fix the marked items in your cart first."),
    gettext_lazy("Some items in your cart are no longer available as ordered. Nothing was ordered."),
)
NEEDS_METHODS = Requirement(
    lambda priced, session: priced.offer is not None and priced.payment is not None,
    "delivery",
    None,
    gettext_lazy("Please choose a shipping and a payment method."),
)
NEEDS_PICKUP_POINT = Requirement(
    lambda priced, session: not (priced.offer and priced.offer.service_point_required) or bool(session.service_point),
    "delivery",
    None,
    gettext_lazy("Please choose a pickup point."),
)

# The one table of step preconditions: the checkout pages and placing the order read it.
STEP_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    "address": (NEEDS_ITEMS,),
    "delivery": (NEEDS_ITEMS, NEEDS_ADDRESS),
    "review": (NEEDS_ITEMS, NEEDS_ADDRESS, NEEDS_METHODS, NEEDS_PICKUP_POINT, NEEDS_ORDERABLE_CART),
    "place": (NEEDS_ADDRESS, NEEDS_ORDERABLE_CART, NEEDS_METHODS, NEEDS_PICKUP_POINT),
}


def missing_for(step: str, priced: PricedCheckout, session: CheckoutSession) -> Requirement | None:
    """The first thing `step` needs that the checkout lacks, or None."""
    return next((need for need in STEP_REQUIREMENTS[step] if not need.present(priced, session)), None)


# --- the delivery step ---------------------------------------------------------------------------


@dataclass
class PickupPoints:
    """What the delivery step shows for pickup-point offers: the postal code searched and the points found."""

    offer: ShippingOffer | None = None
    postal_code: str = ""
    points: list = field(default_factory=list)
    error: str = ""


def pickup_points(priced: PricedCheckout, *, chosen_code: str = "", postal_code: str = "") -> PickupPoints | None:
    """Pickup points near `postal_code` (default: the shipping address) for the chosen pickup offer,
    else for the first one; None when no offer needs a pickup point. A provider outage is a message."""
    candidates = [offer for offer in priced.offers if offer.service_point_required]
    if not candidates:
        return None
    offer = next((o for o in candidates if o.method_code == chosen_code), candidates[0])
    postal_code = (postal_code or priced.snapshot.postal_code).strip()
    method = method_of(offer)
    if method is None or not hasattr(method, "service_points") or not postal_code:
        return PickupPoints(offer, postal_code)
    try:
        points = method.service_points(offer, priced.snapshot, postal_code)
    except Exception:
        logger.warning("pickup points for %s unavailable", offer.method_code, exc_info=True)
        return PickupPoints(offer, postal_code, error=_("Pickup points cannot be loaded right now. Please try again."))
    return PickupPoints(offer, postal_code, list(points))


# --- placing --------------------------------------------------------------------------------------


def existing_order(session: CheckoutSession, token: str) -> Order | None:
    """A resubmitted token returns the order it already placed, for the session that placed it."""
    if not token:
        return None
    order = Order.objects.filter(idempotency_key=token).first()
    if order is not None and placed_in_session(session.session, order.uuid):
        return order
    return None


def _ordered_already(order: Order, token: str) -> Order:
    """The order that claimed the cart: ours (a double submit of this checkout) or another session's."""
    if order.idempotency_key == token:
        return order
    raise CheckoutAlreadyOrdered(order, CartAlreadyOrdered(order).message)


def _address(data: dict) -> Address:
    return Address(**{key: data.get(key, "") for key in Address.__dataclass_fields__})


def _refuse_lost_invoice(priced: PricedCheckout, session: CheckoutSession, customer: Customer) -> None:
    """The invoice chosen at the delivery step is gone because the company's credit is used up
    (another buyer of the company ordered meanwhile): say so, rather than "choose a method"."""
    company = customer.company
    if session.payment_method != PaymentMethodCode.INVOICE or not may_buy_on_account(company):
        return
    amount = priced.totals.total_gross if priced.totals else priced.summary.goods_gross
    available = available_credit(company)
    if amount > available:
        raise CheckoutProblem(CreditLimitExceeded(amount=amount, available=available).message, "delivery")


def place_checkout(cart, context, customer: Customer, session: CheckoutSession, token: str, *, language: str) -> Order:
    """Place the order for the session's checkout, or raise CheckoutProblem (nothing written)."""
    if not token or token != session.token:
        raise CheckoutProblem(_("Your checkout has expired. Please check your order again."), "review")
    priced = price_checkout(cart, context, customer, session)
    summary = priced.summary
    if session.shipping_address and session.email and not summary.priced:
        ordered = already_ordered(cart)
        if ordered is not None:
            return _finish(session, _ordered_already(ordered, token))
        raise CheckoutProblem(str(NEEDS_ITEMS.placing))
    missing = missing_for("place", priced, session)
    if missing is NEEDS_METHODS:
        _refuse_lost_invoice(priced, session, customer)
    if missing is not None:
        raise CheckoutProblem(str(missing.placing), missing.step)
    shipping = priced.shipping
    if priced.offer.service_point_required:
        point = session.service_point
        shipping = replace(shipping, service_point_id=point["id"], service_point_label=point["label"])
    if priced.fingerprint != session.fingerprint:
        raise CheckoutProblem(_("Your cart changed since you reviewed it. Nothing was ordered; please check it again."))
    quotes = [line.quote for line in summary.priced]
    lines = summary.priced_lines()
    try:
        with transaction.atomic():
            # First lock of the placement (see commerce.orders.lock_objects): the cart is claimed.
            claim_cart(cart, lines)
            order = place_order(
                idempotency_key=token,
                email=session.email,
                lines=lines,
                shipping_address=_address(session.shipping_address),
                billing_address=_address(session.billing_address) if session.billing_address else None,
                shipping=shipping,
                payment_method=priced.payment.code,
                customer_kind="b2b" if context.is_b2b else "b2c",
                user=customer.user,
                company=customer.company,
                reverse_charge=any(q.reverse_charge for q in quotes),
                reverse_charge_note=summary.reverse_charge_note,
                language=language,
            )
            record_usage(order, summary.codes, customer.user, session.email, discounts=summary.discounts.per_code)
            cart_ordered(cart, order)
    except CartAlreadyOrdered as already:
        return _finish(session, _ordered_already(already.order, token))
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
    return _finish(session, order)


def _finish(session: CheckoutSession, order: Order) -> Order:
    session.finish(order)
    return order


def start_payment(order: Order, request):
    """Start the order's payment (PaymentStart, or None); raises PaymentStartFailed.

    `request` only passes through to the payment method (hosted pages need absolute return URLs).
    Orders not sent to a hosted payment page (prepayment, invoice) are confirmed by email now;
    hosted-payment orders are told once the money arrives ("payment received", invoice attached).
    The confirmation is deduplicated per order.
    """
    method = payment_method(order.payment_method)
    start = method.start(order, request) if method is not None else None
    if start is None or not start.redirect_url:
        send_order_confirmation(order)
    return start
