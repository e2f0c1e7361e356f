"""The cart as plain functions: find, add, change, remove, merge, and price it for display and checkout.

Every amount comes from the pricing engine for the current context and from the promotions
service; nothing in the cart stores a price except the snapshot used to warn about changes.
The session only ever holds the cart token, and only once something was added: catalogue pages
viewed by a visitor who never adds anything set no cookie.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from commerce.orders.totals import OrderTotals, PricedLine, ShippingChoice, compute_totals, goods_net_by_rate
from commerce.pricing.engine import DisplayMode, PriceQuote, quote, quote_many
from commerce.pricing.errors import QuantityError
from commerce.pricing.models import VariantQuantityRule
from commerce.pricing.quantities import MAX_QUANTITY, check_quantity_bounds, parse_quantity, validate_quantity
from commerce.promotions.models import PromoCode
from commerce.promotions.services import DiscountableLine, Discounts, compute_discounts

from .errors import CartError, CartErrorCode
from .models import CART_LIFETIME_DAYS, Cart, CartLine

SESSION_KEY = "cart_token"
ZERO = Decimal("0.00")


# --- finding the cart ------------------------------------------------------------------------


def expiry_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=CART_LIFETIME_DAYS)


def _anonymous_cart(request) -> Cart | None:
    token = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not token:
        return None
    return Cart.objects.filter(token=token, user__isnull=True, updated_at__gte=expiry_cutoff()).first()


def get_cart(request, create: bool = False) -> Cart | None:
    """The customer's cart, or the anonymous one whose token is in the session.

    Without `create` nothing is written, not even to the session (no cookie for browsers that
    only look). With `create` a missing cart is made and an anonymous one's token remembered.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart, _created = Cart.objects.get_or_create(user=user)
        return cart
    cart = _anonymous_cart(request)
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_KEY] = str(cart.token)
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


def check_addition(variant_id, quantity, context) -> tuple[ProductVariant, int]:
    """Validate an addition before any cart exists (so a refused add creates no cart/cookie)."""
    variant = _variant(variant_id)
    amount = _quantity(quantity)
    _check(variant, amount, context)
    return variant, amount


def _snapshot(variant: ProductVariant, quantity: int, context) -> dict:
    price = quote(variant, quantity, context)
    return {"unit_price_at_add": price.unit_price, "display_mode_at_add": str(price.display_mode)}


@transaction.atomic
def add_item(cart: Cart, variant_id, quantity, context) -> CartLine:
    """Add `quantity` of a variant (or raise CartError, leaving the cart unchanged)."""
    variant = _variant(variant_id)
    amount = _quantity(quantity)
    line = cart.lines.filter(variant=variant).first() if cart.pk else None
    total = amount + (line.quantity if line else 0)
    _check(variant, total, context)
    if cart.pk is None:
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
    from .lock_objects import cart_for_update

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


def _touch(cart: Cart) -> None:
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


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


def attach_cart_on_login(request, user) -> Cart | None:
    """Called at login (receivers.py): the session's cart becomes the customer's."""
    anonymous = _anonymous_cart(request)
    request.session.pop(SESSION_KEY, None)
    if anonymous is None:
        return None
    user_cart = Cart.objects.filter(user=user).first()
    if user_cart is None:
        anonymous.user = user
        anonymous.save(update_fields=["user", "updated_at"])
        return anonymous
    return merge_carts(anonymous, user_cart)


def add_order_lines_to_cart(request, order) -> tuple[int, list[str]]:
    """Re-order: add what can still be ordered of a past order; returns (lines added, problems)."""
    from commerce.pricing.strategy import strategy_for

    context = strategy_for(request).context
    cart = get_cart(request, create=True)
    added, problems = 0, []
    for order_line in order.lines.all():
        try:
            add_item(cart, order_line.variant_id, order_line.quantity, context)
            added += 1
        except CartError as error:
            problems.append(f"{order_line.product_title} ({order_line.variant_label}): {error.message}")
    return added, problems


# --- pricing the cart -------------------------------------------------------------------------


@dataclass
class SummaryLine:
    line: CartLine
    quote: PriceQuote
    discount_gross: Decimal = ZERO
    total: Decimal = ZERO  # shown amount after discount (gross for consumers, net for businesses)
    warnings: list[str] = field(default_factory=list)
    blocking: bool = False  # cannot be ordered as it is
    unavailable: bool = False  # not priced into the totals

    @property
    def variant(self) -> ProductVariant:
        return self.line.variant

    @property
    def product(self):
        return self.line.variant.product


@dataclass
class CartSummary:
    cart: Cart | None
    context: object
    lines: list[SummaryLine]
    codes: list[PromoCode]
    discounts: Discounts
    shipping: ShippingChoice | None
    shipping_offer: object | None
    totals: OrderTotals | None
    weight_grams: int
    goods_gross: Decimal  # after discounts
    goods_net: Decimal
    code_warnings: list[str] = field(default_factory=list)
    goods_net_by_rate: dict[Decimal, Decimal] = field(default_factory=dict)

    @property
    def display_mode(self) -> str:
        return DisplayMode.NET if self.context.is_b2b else DisplayMode.GROSS

    @property
    def priced(self) -> list[SummaryLine]:
        return [line for line in self.lines if not line.unavailable]

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def can_check_out(self) -> bool:
        return bool(self.priced) and not any(line.blocking for line in self.lines)

    @property
    def item_count(self) -> int:
        return sum(line.line.quantity for line in self.lines)

    @property
    def discount_total(self) -> Decimal:
        """Shown discount: gross for consumers, its net part for businesses."""
        if self.totals is None:
            return ZERO
        if self.display_mode == DisplayMode.GROSS:
            return self.totals.discount_gross
        before = sum((line.quote.line_net for line in self.priced), ZERO)
        return before - self.totals.subtotal_net

    @property
    def goods_before_discount(self) -> Decimal:
        return sum((line.quote.line_price for line in self.priced), ZERO)

    @property
    def vat_rows(self) -> list[dict]:
        if self.totals is None:
            return []
        return [
            {"rate": Decimal(rate), **{name: Decimal(value) for name, value in amounts.items()}}
            for rate, amounts in self.totals.vat_breakdown.items()
        ]

    def priced_lines(self) -> list[PricedLine]:
        return [_priced_line(line) for line in self.priced]

    def fingerprint(self) -> str:
        """Changes whenever anything the shopper agreed to changes (lines, prices, discounts, shipping)."""
        parts = [
            f"{p.variant_id}:{p.quantity}:{p.unit_net}:{p.unit_gross}:{p.vat_rate}:{p.discount_gross}"
            for p in self.priced_lines()
        ]
        if self.shipping:
            parts.append(f"ship:{self.shipping.code}:{self.shipping.net}:{self.shipping.gross}")
        if self.totals:
            parts.append(f"total:{self.totals.total_gross}")
        parts.append("blocking" if not self.can_check_out else "ok")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _priced_line(line: SummaryLine) -> PricedLine:
    variant, q = line.variant, line.quote
    return PricedLine(
        variant_id=variant.pk,
        sku=variant.sku,
        product_title=variant.product.title,
        variant_label=variant.size_label,
        quantity=line.line.quantity,
        unit_net=q.unit_net,
        unit_gross=q.unit_gross,
        vat_rate=q.vat_rate,
        discount_gross=line.discount_gross,
        pricing_rule=str(q.rule),
    )


def _load_lines(cart: Cart | None) -> list[CartLine]:
    if cart is None or cart.pk is None:
        return []
    return list(cart.lines.select_related("variant__product"))


def _load_codes(cart: Cart | None) -> list[PromoCode]:
    if cart is None or cart.pk is None:
        return []
    return list(
        cart.promo_codes.order_by("pk").prefetch_related(
            Prefetch("categories", to_attr="_categories"), "brands", "products"
        )
    )


def discountable_lines(cart: Cart | None, context) -> list[DiscountableLine]:
    lines = [line for line in _load_lines(cart) if line.variant.active and line.variant.product.live]
    quotes = quote_many([(line.variant, line.quantity) for line in lines], context)
    return [_discountable(line, q) for line, q in zip(lines, quotes, strict=True)]


def _discountable(line: CartLine, q: PriceQuote) -> DiscountableLine:
    product = line.variant.product
    return DiscountableLine(
        key=line.pk, quote=q, product_id=product.pk, product_path=product.path, brand_id=product.brand_id
    )


def _quantity_rules(lines: list[CartLine], context) -> dict[int, VariantQuantityRule]:
    if not context.is_b2b or not lines:
        return {}
    return {
        rule.variant_id: rule
        for rule in VariantQuantityRule.objects.filter(variant_id__in=[line.variant_id for line in lines])
    }


def summarize_cart(cart: Cart | None, context, *, shipping_offer=None, country: str | None = None) -> CartSummary:
    """Price the cart for this context: lines, discounts, shipping (the given offer, else the
    cheapest one for the delivery country), VAT per rate and total. A fixed number of queries."""
    from commerce.checkout.methods import CheckoutSnapshot, default_offer, shipping_offers

    lines = _load_lines(cart)
    codes = _load_codes(cart)
    for code in codes:
        code._scope_ids = {
            "categories": [c.path for c in code._categories],
            "brands": {b.pk for b in code.brands.all()},
            "products": {p.pk for p in code.products.all()},
        }
    rules = _quantity_rules(lines, context)
    quotes = quote_many([(line.variant, min(max(line.quantity, 1), MAX_QUANTITY)) for line in lines], context)
    summary_lines = [_summary_line(line, q, rules.get(line.variant_id)) for line, q in zip(lines, quotes, strict=True)]
    priced = [s for s in summary_lines if not s.unavailable]
    discounts = compute_discounts(codes, [_discountable(s.line, s.quote) for s in priced], context)
    for s in priced:
        s.discount_gross = discounts.per_line.get(s.line.pk, ZERO)
    code_warnings = [
        f"{code.code}: {discounts.problems[code.pk].message}" for code in codes if code.pk in discounts.problems
    ]

    goods_gross = sum((s.quote.line_gross - s.discount_gross for s in priced), ZERO)
    goods_net = sum((s.quote.line_net for s in priced), ZERO)
    weight = sum(s.variant.weight_grams * s.line.quantity for s in priced)
    priced_lines = [_priced_line(s) for s in priced]
    net_by_rate = goods_net_by_rate(priced_lines, prices_include_vat=not context.is_b2b)
    if priced and shipping_offer is None:
        snapshot = CheckoutSnapshot(
            context=context,
            country=country or context.delivery_country,
            postal_code="",
            weight_grams=weight,
            goods_gross=goods_gross,
            goods_net=goods_net,
            company=None,
            user=None,
            goods_net_by_rate=net_by_rate,
        )
        shipping_offer = default_offer(shipping_offers(snapshot))
    shipping = None
    if shipping_offer is not None:
        free = discounts.free_shipping
        shipping = ShippingChoice(
            code=shipping_offer.method_code,
            name=shipping_offer.name,
            net=ZERO if free else shipping_offer.net,
            gross=ZERO if free else shipping_offer.gross,
        )
    totals = None
    if priced:
        totals = compute_totals(
            priced_lines,
            shipping or ShippingChoice(code="", name="", net=ZERO, gross=ZERO),
            prices_include_vat=not context.is_b2b,
        )
        for s, amounts in zip(priced, totals.lines, strict=True):
            s.total = amounts.gross if not context.is_b2b else amounts.net
        goods_net = totals.subtotal_net
    return CartSummary(
        cart=cart,
        context=context,
        lines=summary_lines,
        codes=codes,
        discounts=discounts,
        shipping=shipping,
        shipping_offer=shipping_offer,
        totals=totals,
        weight_grams=weight,
        goods_gross=goods_gross,
        goods_net=goods_net,
        code_warnings=code_warnings,
        goods_net_by_rate=net_by_rate,
    )


def _summary_line(line: CartLine, q: PriceQuote, rule: VariantQuantityRule | None) -> SummaryLine:
    variant = line.variant
    s = SummaryLine(line=line, quote=q, total=q.line_price)
    if not variant.active or not variant.product.live:
        s.unavailable = s.blocking = True
        s.warnings.append(_("This item is no longer available. Please remove it."))
        return s
    if not variant.backorder_allowed and line.quantity > variant.stock_quantity:
        s.blocking = True
        if variant.stock_quantity <= 0:
            s.warnings.append(_("This item is out of stock now. Please remove it."))
        else:
            s.warnings.append(
                _("Only %(stock)s of this item are in stock now. Please reduce the quantity.")
                % {"stock": variant.stock_quantity}
            )
    if rule is not None and (line.quantity < rule.b2b_min_quantity or line.quantity % rule.b2b_pack_multiple):
        s.blocking = True
        s.warnings.append(
            _("For business customers this item comes in multiples of %(pack)s, at least %(minimum)s.")
            % {"pack": rule.b2b_pack_multiple, "minimum": rule.b2b_min_quantity}
        )
    if line.display_mode_at_add == q.display_mode and line.unit_price_at_add != q.unit_price:
        s.warnings.append(
            _("The price has changed from %(old)s € to %(new)s € since you added this item.")
            % {"old": line.unit_price_at_add, "new": q.unit_price}
        )
    return s


def acknowledge_price_changes(summary: CartSummary) -> None:
    """After the shopper was shown the new prices, they become the reference for later warnings."""
    changed = []
    for s in summary.priced:
        if s.line.unit_price_at_add != s.quote.unit_price or s.line.display_mode_at_add != s.quote.display_mode:
            s.line.unit_price_at_add = s.quote.unit_price
            s.line.display_mode_at_add = str(s.quote.display_mode)
            changed.append(s.line)
    if changed:
        CartLine.objects.bulk_update(changed, ["unit_price_at_add", "display_mode_at_add"])
