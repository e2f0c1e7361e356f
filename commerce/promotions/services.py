"""Promo-code rules as plain functions: check a code, compute discounts, count usage at placement.

The cart applies codes (commerce.cart.promo); these rules know nothing of carts or requests.

Discounts are computed on the prices the pricing engine quoted for the buyer (after price-list
prices), line by line, and never exceed a line: a cart can be free, never negative.
Usage is counted inside the order-placement transaction with a conditional UPDATE, so a code
with one use left is used exactly once however many buyers submit at the same moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from commerce.pricing.engine import PriceQuote, PriceRule
from commerce.pricing.money import gross_from_net, to_cent

from .errors import PromoError, PromoErrorCode
from .models import Audience, PromoCode, PromoCodeUsage, PromoKind, normalise_code

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DiscountableLine:
    """What a code needs to know about a cart line (built by the cart from its priced lines)."""

    key: int
    quote: PriceQuote
    product_id: int
    product_path: str
    brand_id: int | None


@dataclass
class Discounts:
    per_line: dict[int, Decimal] = field(default_factory=dict)  # line key -> gross discount
    per_code: dict[int, Decimal] = field(default_factory=dict)  # code pk -> gross discount
    free_shipping: bool = False
    problems: dict[int, PromoError] = field(default_factory=dict)  # code pk -> why it no longer applies

    @property
    def total_gross(self) -> Decimal:
        return sum(self.per_line.values(), ZERO)


# --- checks -----------------------------------------------------------------------------------


def check_code(code: PromoCode, *, context, goods_total: Decimal, now=None) -> None:
    """Validity that can be decided from the code row and the cart alone (no queries)."""
    now = now or timezone.now()
    if not code.active:
        raise PromoError(PromoErrorCode.UNKNOWN)
    if code.valid_from and now < code.valid_from:
        raise PromoError(PromoErrorCode.NOT_YET_VALID)
    if code.valid_until and now > code.valid_until:
        raise PromoError(PromoErrorCode.EXPIRED)
    if (code.audience == Audience.B2C and context.is_b2b) or (code.audience == Audience.B2B and not context.is_b2b):
        raise PromoError(PromoErrorCode.NOT_FOR_YOUR_ACCOUNT)
    if code.usage_limit is not None and code.times_used >= code.usage_limit:
        raise PromoError(PromoErrorCode.USAGE_LIMIT_REACHED)
    if code.minimum_order_value is not None and goods_total < code.minimum_order_value:
        raise PromoError(PromoErrorCode.MINIMUM_NOT_REACHED, minimum=code.minimum_order_value)


def uses_by_customer(code: PromoCode, *, user, email: str) -> int:
    condition = Q()
    if email:
        condition |= Q(email=email.strip().lower())
    if user is not None and getattr(user, "is_authenticated", False):
        condition |= Q(user=user)
    if not condition:
        return 0
    return PromoCodeUsage.objects.filter(condition, code=code).count()


def check_customer(code: PromoCode, *, user, email: str) -> None:
    if code.per_customer_limit and uses_by_customer(code, user=user, email=email) >= code.per_customer_limit:
        raise PromoError(PromoErrorCode.ALREADY_USED)


def line_is_eligible(code: PromoCode, line: DiscountableLine, context) -> bool:
    """Scope (categories incl. subcategories, brands, products) and the B2B stacking rule."""
    if context.is_b2b and not code.applies_to_b2b_net and line.quote.rule != PriceRule.RETAIL:
        return False
    scope = code.scope_ids
    if not (scope["categories"] or scope["brands"] or scope["products"]):
        return True
    return (
        line.product_id in scope["products"]
        or (line.brand_id is not None and line.brand_id in scope["brands"])
        or any(line.product_path.startswith(path) for path in scope["categories"])
    )


# --- discounts --------------------------------------------------------------------------------


def compute_discounts(codes: Sequence[PromoCode], lines: Sequence[DiscountableLine], context, now=None) -> Discounts:
    """Per-line gross discounts for the codes in the cart, in their order; invalid codes give nothing.

    Amounts are worked out in the buyer's display mode (gross for consumers, net for businesses)
    and each line's share is turned into its gross discount, capped at the line: never below zero.
    """
    result = Discounts()
    remaining = {line.key: line.quote.line_price for line in lines}
    goods_total = sum(remaining.values(), ZERO)
    for code in codes:
        try:
            check_code(code, context=context, goods_total=goods_total, now=now)
        except PromoError as error:
            result.problems[code.pk] = error
            continue
        eligible = [line for line in lines if line_is_eligible(code, line, context)]
        if code.kind == PromoKind.FREE_SHIPPING:
            result.free_shipping = True
            result.per_code[code.pk] = ZERO
            continue
        shares = _shares(code, eligible, remaining)
        code_total = ZERO
        for line in eligible:
            share = shares.get(line.key, ZERO)
            if share <= 0:
                continue
            remaining[line.key] -= share
            gross = _as_gross(share, line, context)
            already = result.per_line.get(line.key, ZERO)
            gross = min(gross, line.quote.line_gross - already)
            result.per_line[line.key] = already + gross
            code_total += gross
        result.per_code[code.pk] = code_total
    return result


def _shares(code: PromoCode, eligible: list[DiscountableLine], remaining: dict[int, Decimal]) -> dict[int, Decimal]:
    """Discount per line in display mode, never more than what is left of the line."""
    if code.kind == PromoKind.PERCENT:
        percent = min(code.value, HUNDRED)
        return {
            line.key: min(to_cent(remaining[line.key] * percent / HUNDRED), remaining[line.key]) for line in eligible
        }
    base = sum((remaining[line.key] for line in eligible), ZERO)
    amount = min(code.value, base)
    if amount <= 0:
        return {}
    shares: dict[int, Decimal] = {}
    left = amount
    for index, line in enumerate(eligible):
        share = left if index == len(eligible) - 1 else to_cent(amount * remaining[line.key] / base)
        share = min(share, remaining[line.key], left)
        shares[line.key] = share
        left -= share
    return shares


def _as_gross(share: Decimal, line: DiscountableLine, context) -> Decimal:
    if not context.is_b2b:
        return share
    return gross_from_net(share, line.quote.vat_rate)


# --- adding a code --------------------------------------------------------------------------------


def find_code(raw_code: str) -> PromoCode:
    """The active code the shopper typed (any case, spaces trimmed), else PromoError UNKNOWN."""
    normalised = normalise_code(raw_code)
    code = PromoCode.objects.filter(code=normalised).first() if normalised else None
    if code is None or not code.active:
        raise PromoError(PromoErrorCode.UNKNOWN)
    return code


def check_new_code(
    code: PromoCode, *, present: Sequence[PromoCode], lines: Sequence[DiscountableLine], context, user, email: str
) -> None:
    """May `code` join the codes `present` for these priced lines and this customer? Raises PromoError."""
    goods_total = sum((line.quote.line_price for line in lines), ZERO)
    check_code(code, context=context, goods_total=goods_total)
    check_customer(code, user=user, email=email)
    if present and not (code.combinable and all(other.combinable for other in present)):
        raise PromoError(PromoErrorCode.NOT_COMBINABLE)
    if code.kind != PromoKind.FREE_SHIPPING and not any(line_is_eligible(code, line, context) for line in lines):
        raise PromoError(PromoErrorCode.NOT_APPLICABLE)


# --- placement -----------------------------------------------------------------------------------


def record_usage(order, codes: Iterable[PromoCode], user=None, email: str = "", discounts=None) -> None:
    """Count one use of each code for this order; call inside the order-placement transaction.

    The conditional UPDATE takes the code's row lock and increments only while uses are left;
    the per-customer count is read under that lock. Raises PromoError (the caller's transaction
    rolls back: no order without its code). A second call for the same order does nothing.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_usage must run inside the order-placement transaction")
    codes = sorted(codes, key=lambda code: code.pk)
    if not codes or PromoCodeUsage.objects.filter(order=order).exists():
        return
    email = (email or order.email).strip().lower()
    for code in codes:
        updated = (
            PromoCode.objects.filter(pk=code.pk)
            .filter(Q(usage_limit__isnull=True) | Q(times_used__lt=F("usage_limit")))
            .update(times_used=F("times_used") + 1)
        )
        if not updated:
            raise PromoError(PromoErrorCode.USAGE_LIMIT_REACHED)
        check_customer(code, user=user, email=email)
        PromoCodeUsage.objects.create(
            code=code,
            order=order,
            user=user if user is not None and user.is_authenticated else None,
            email=email,
            discount_gross=(discounts or {}).get(code.pk, ZERO),
        )
