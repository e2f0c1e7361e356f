"""The cart's goods, priced once for the request's pricing context: lines, codes, discounts.

Every amount comes from the pricing engine and the promotion rules; nothing in the cart stores a
price except the snapshot used to warn about changes. Shipping is not the cart's: the checkout
adds it (commerce.checkout.priced) and the totals are computed there, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from commerce.orders.totals import PricedLine, goods_net_by_rate
from commerce.pricing.engine import DisplayMode, PriceQuote, quote_many
from commerce.pricing.models import VariantQuantityRule
from commerce.pricing.quantities import MAX_QUANTITY
from commerce.promotions.models import PromoCode
from commerce.promotions.services import DiscountableLine, Discounts, compute_discounts

from .models import Cart, CartLine

ZERO = Decimal("0.00")


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

    def discountable(self) -> DiscountableLine:
        product = self.line.variant.product
        return DiscountableLine(
            key=self.line.pk,
            quote=self.quote,
            product_id=product.pk,
            product_path=product.path,
            brand_id=product.brand_id,
        )

    def priced_line(self) -> PricedLine:
        variant, q = self.variant, self.quote
        return PricedLine(
            variant_id=variant.pk,
            sku=variant.sku,
            product_title=variant.product.title,
            variant_label=variant.size_label,
            quantity=self.line.quantity,
            unit_net=q.unit_net,
            unit_gross=q.unit_gross,
            vat_rate=q.vat_rate,
            discount_gross=self.discount_gross,
            pricing_rule=str(q.rule),
        )


@dataclass
class CartSummary:
    """The cart's goods as priced for one context; what the shopper sees and the checkout orders."""

    cart: Cart | None
    context: object
    lines: list[SummaryLine]
    codes: list[PromoCode]
    discounts: Discounts
    code_warnings: list[str] = field(default_factory=list)

    @property
    def display_mode(self) -> str:
        return DisplayMode.NET if self.context.is_b2b else DisplayMode.GROSS

    @property
    def prices_include_vat(self) -> bool:
        return not self.context.is_b2b

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
    def weight_grams(self) -> int:
        return sum(s.variant.weight_grams * s.line.quantity for s in self.priced)

    @property
    def goods_gross(self) -> Decimal:
        """Gross goods after discounts (what the consumers' free-shipping threshold is measured on)."""
        return sum((s.quote.line_gross - s.discount_gross for s in self.priced), ZERO)

    @property
    def goods_net(self) -> Decimal:
        """Net goods after discounts (the businesses' threshold)."""
        return sum(self.goods_net_by_rate.values(), ZERO)

    @property
    def goods_net_by_rate(self) -> dict[Decimal, Decimal]:
        return goods_net_by_rate(self.priced_lines(), prices_include_vat=self.prices_include_vat)

    @property
    def reverse_charge_note(self) -> str:
        return next((s.quote.vat_note for s in self.priced if s.quote.reverse_charge), "")

    def discountable_lines(self) -> list[DiscountableLine]:
        return [s.discountable() for s in self.priced]

    def priced_lines(self) -> list[PricedLine]:
        return [s.priced_line() for s in self.priced]


def _load_lines(cart: Cart | None) -> list[CartLine]:
    if cart is None or cart.pk is None:
        return []
    return list(cart.lines.select_related("variant__product"))


def _load_codes(cart: Cart | None) -> list[PromoCode]:
    if cart is None or cart.pk is None:
        return []
    codes = list(
        cart.promo_codes.order_by("pk").prefetch_related(
            Prefetch("categories", to_attr="_categories"), "brands", "products"
        )
    )
    for code in codes:
        code._scope_ids = {
            "categories": [c.path for c in code._categories],
            "brands": {b.pk for b in code.brands.all()},
            "products": {p.pk for p in code.products.all()},
        }
    return codes


def _quantity_rules(lines: list[CartLine], context) -> dict[int, VariantQuantityRule]:
    if not context.is_b2b or not lines:
        return {}
    return {
        rule.variant_id: rule
        for rule in VariantQuantityRule.objects.filter(variant_id__in=[line.variant_id for line in lines])
    }


def summarize_cart(cart: Cart | None, context) -> CartSummary:
    """Price the cart's lines and codes for this context, once: a fixed number of queries."""
    lines = _load_lines(cart)
    codes = _load_codes(cart)
    rules = _quantity_rules(lines, context)
    quotes = quote_many([(line.variant, min(max(line.quantity, 1), MAX_QUANTITY)) for line in lines], context)
    summary_lines = [_summary_line(line, q, rules.get(line.variant_id)) for line, q in zip(lines, quotes, strict=True)]
    priced = [s for s in summary_lines if not s.unavailable]
    discounts = compute_discounts(codes, [s.discountable() for s in priced], context)
    for s in priced:
        s.discount_gross = discounts.per_line.get(s.line.pk, ZERO)
    code_warnings = [
        f"{code.code}: {discounts.problems[code.pk].message}" for code in codes if code.pk in discounts.problems
    ]
    return CartSummary(
        cart=cart, context=context, lines=summary_lines, codes=codes, discounts=discounts, code_warnings=code_warnings
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
