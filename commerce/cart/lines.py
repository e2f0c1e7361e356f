"""Cart lines: find the cart, add, change, remove, merge, and hand the cart over to an order.

Functions take the session and the customer, never the request, so any client (storefront, API)
calls them unchanged. The session only ever holds the cart token, and only once something was
added: catalogue pages viewed by a visitor who never adds anything set no cookie.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from commerce.orders.totals import PricedLine
from commerce.pricing.engine import quote
from commerce.pricing.errors import QuantityError
from commerce.pricing.quantities import MAX_QUANTITY, check_quantity_bounds, parse_quantity, validate_quantity

from .errors import CartError, CartErrorCode
from .lock_objects import cart_for_update
from .models import CART_LIFETIME_DAYS, Cart, CartLine

SESSION_KEY = "cart_token"


# --- finding the cart ------------------------------------------------------------------------


def expiry_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=CART_LIFETIME_DAYS)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def _anonymous_cart(session) -> Cart | None:
    token = session.get(SESSION_KEY) if session is not None else None
    if not token:
        return None
    return Cart.objects.filter(token=token, user__isnull=True, updated_at__gte=expiry_cutoff()).first()


def find_cart(session, user, *, create: bool = False) -> Cart | None:
    """The customer's cart, or the anonymous one whose token is in the session.

    Without `create` nothing is written, not even to the session (no cookie for browsers that
    only look). With `create` a missing cart is made and an anonymous one's token remembered.
    """
    if _signed_in(user):
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart, _created = Cart.objects.get_or_create(user=user)
        return cart
    cart = _anonymous_cart(session)
    if cart is None and create:
        cart = Cart.objects.create()
        session[SESSION_KEY] = str(cart.token)
    return cart


# --- changing lines --------------------------------------------------------------------------


def _variant(variant_id) -> ProductVariant:
    try:
        pk = int(str(variant_id).strip())
    except (TypeError, ValueError):
        raise CartError(CartErrorCode.VARIANT_UNAVAILABLE) from None
    variant = ProductVariant.objects.select_related("product").filter(pk=pk).first()
    if variant is None or not variant.active or not variant.product.live:
        raise CartError(CartErrorCode.VARIANT_UNAVAILABLE)
    return variant


def _quantity(raw) -> int:
    try:
        return parse_quantity(raw)
    except QuantityError as error:
        raise CartError(error.code, error.message) from None


def _check(variant: ProductVariant, quantity: int, context) -> None:
    """The whole line quantity must be orderable: bounds, B2B pack rules, stock."""
    try:
        check_quantity_bounds(quantity)
        validate_quantity(variant, quantity, context)
    except QuantityError as error:
        raise CartError(error.code, error.message) from None
    if variant.backorder_allowed:
        return
    if variant.stock_quantity <= 0:
        raise CartError(CartErrorCode.OUT_OF_STOCK)
    if quantity > variant.stock_quantity:
        raise CartError(CartErrorCode.NOT_ENOUGH_STOCK, stock=variant.stock_quantity)


def _snapshot(variant: ProductVariant, quantity: int, context) -> dict:
    price = quote(variant, quantity, context)
    return {"unit_price_at_add": price.unit_price, "display_mode_at_add": str(price.display_mode)}


@transaction.atomic
def add_to_cart(session, user, variant_id, quantity, context) -> CartLine:
    """Add to the shopper's cart, validated once; a refused addition creates no cart (and no cookie)."""
    variant, amount = _variant(variant_id), _quantity(quantity)
    return _add(
        find_cart(session, user), variant, amount, context, make_cart=lambda: find_cart(session, user, create=True)
    )


@transaction.atomic
def add_item(cart: Cart, variant_id, quantity, context) -> CartLine:
    """Add `quantity` of a variant (or raise CartError, leaving the cart unchanged)."""
    return _add(cart, _variant(variant_id), _quantity(quantity), context)


def _add(cart: Cart | None, variant: ProductVariant, amount: int, context, make_cart=None) -> CartLine:
    line = cart.lines.filter(variant=variant).first() if cart is not None and cart.pk else None
    total = amount + (line.quantity if line else 0)
    _check(variant, total, context)
    if cart is None:
        cart = make_cart()
    elif cart.pk is None:
        cart.save()
    if line is None:
        line = CartLine.objects.create(cart=cart, variant=variant, quantity=total, **_snapshot(variant, total, context))
    else:
        line.quantity = total
        line.save(update_fields=["quantity"])
    _touch(cart)
    return line


def _line(cart: Cart | None, line_id) -> CartLine:
    try:
        pk = int(str(line_id).strip())
    except (TypeError, ValueError):
        raise CartError(CartErrorCode.LINE_NOT_FOUND) from None
    line = CartLine.objects.select_related("variant__product").filter(pk=pk, cart=cart).first() if cart else None
    if line is None:
        raise CartError(CartErrorCode.LINE_NOT_FOUND)
    return line


def set_quantity(cart: Cart, line_id, quantity, context) -> CartLine:
    line = _line(cart, line_id)
    amount = _quantity(quantity)
    variant = line.variant
    if not variant.active or not variant.product.live:
        raise CartError(CartErrorCode.VARIANT_UNAVAILABLE)
    _check(variant, amount, context)
    line.quantity = amount
    line.save(update_fields=["quantity"])
    _touch(cart)
    return line


def remove_line(cart: Cart, line_id) -> None:
    _line(cart, line_id).delete()
    _touch(cart)


def empty_cart(cart: Cart) -> None:
    cart.lines.all().delete()
    cart.promo_codes.clear()


def _touch(cart: Cart) -> None:
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


# --- ordering the cart ---------------------------------------------------------------------------


class CartAlreadyOrdered(Exception):
    """Another submit (another session of the same customer) has ordered this cart; `order` is that order."""

    def __init__(self, order):
        self.order = order
        self.message = _("This cart has already been ordered (order %(number)s). Nothing was ordered again.") % {
            "number": order.number
        }
        super().__init__(str(self.message))


class CartChangedWhilePlacing(Exception):
    """The cart's lines are no longer those the checkout priced; nothing was ordered."""


def already_ordered(cart: Cart | None):
    """The order an empty cart became, or None: "ordered" is an empty cart with a last order.

    Read afresh: the cart may have been ordered by another session since this request loaded it.
    """
    if cart is None or cart.lines.exists():
        return None
    cart.refresh_from_db(fields=["last_order"])
    return cart.last_order


def claim_cart(cart: Cart, lines: list[PricedLine]) -> Cart:
    """Lock the cart for the placing transaction and check it still holds `lines`.

    Call inside the transaction that places the order, before anything else is locked. A second
    submit of the same cart waits here until the first has committed, then finds the cart empty and
    gets CartAlreadyOrdered (with the first order) instead of placing a second order.
    """
    locked = cart_for_update(cart.pk).get()
    held = sorted(locked.lines.values_list("variant_id", "quantity"))
    if not held and locked.last_order_id is not None:
        raise CartAlreadyOrdered(locked.last_order)
    if held != sorted((line.variant_id, line.quantity) for line in lines):
        raise CartChangedWhilePlacing()
    return locked


def cart_ordered(cart: Cart, order) -> None:
    """The claimed cart became `order`: empty it and remember the order (same transaction)."""
    empty_cart(cart)
    Cart.objects.filter(pk=cart.pk).update(last_order=order, updated_at=timezone.now())
    cart.last_order = order


# --- login and re-order ------------------------------------------------------------------------


@transaction.atomic
def merge_carts(anonymous: Cart, user_cart: Cart) -> Cart:
    """Move the anonymous cart's lines into the customer's cart; the same variant adds up
    (capped at what can be ordered: stock unless backorder, and MAX_QUANTITY)."""
    existing = {line.variant_id: line for line in user_cart.lines.all()}
    for line in anonymous.lines.select_related("variant"):
        mine = existing.get(line.variant_id)
        if mine is None:
            line.cart = user_cart
            line.save(update_fields=["cart"])
            continue
        quantity = mine.quantity + line.quantity
        if not line.variant.backorder_allowed and line.variant.stock_quantity > 0:
            quantity = min(quantity, max(line.variant.stock_quantity, mine.quantity))
        mine.quantity = min(quantity, MAX_QUANTITY)
        mine.save(update_fields=["quantity"])
    if not user_cart.promo_codes.exists():
        user_cart.promo_codes.add(*anonymous.promo_codes.all())
    anonymous.delete()
    _touch(user_cart)
    return user_cart


def attach_cart_on_login(session, user) -> Cart | None:
    """The session's anonymous cart becomes the customer's (merged into theirs if they have one)."""
    anonymous = _anonymous_cart(session)
    session.pop(SESSION_KEY, None)
    if anonymous is None:
        return None
    user_cart = Cart.objects.filter(user=user).first()
    if user_cart is None:
        anonymous.user = user
        anonymous.save(update_fields=["user", "updated_at"])
        return anonymous
    return merge_carts(anonymous, user_cart)


def add_order_lines(cart: Cart, order, context) -> tuple[int, list[str]]:
    """Re-order: add what can still be ordered of a past order; returns (lines added, problems)."""
    added, problems = 0, []
    for order_line in order.lines.all():
        try:
            add_item(cart, order_line.variant_id, order_line.quantity, context)
            added += 1
        except CartError as error:
            problems.append(f"{order_line.product_title} ({order_line.variant_label}): {error.message}")
    return added, problems
