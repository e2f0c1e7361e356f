"""Order arithmetic: per-line amounts rounded to the cent (ROUND_HALF_UP), sums per VAT rate.

Each line is rounded once and satisfies net + VAT = gross; every total is a plain sum of lines,
so totals add up per rate and overall by construction. Consumers buy at gross prices (VAT is
taken out of the gross line), businesses at net prices (VAT is added to the net line): the two
rounding directions of German practice. VAT rates are percentages (Decimal("19.00")). Shipping
has no rate of its own: it follows the goods (commerce.pricing.vat.shipping_vat).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal

from commerce.pricing.money import CENT, net_from_gross, to_cent, vat_on_net
from commerce.pricing.vat import shipping_vat

ZERO = Decimal("0.00")


def money(value: Decimal) -> Decimal:
    return to_cent(Decimal(value))


@dataclass(frozen=True)
class PricedLine:
    """A cart line as priced by commerce.pricing for the buyer's context (built by the checkout)."""

    variant_id: int
    sku: str
    product_title: str
    variant_label: str
    quantity: int
    unit_net: Decimal
    unit_gross: Decimal
    vat_rate: Decimal
    discount_gross: Decimal = ZERO
    pricing_rule: str = ""


@dataclass(frozen=True)
class ShippingChoice:
    """The chosen shipping at the buyer's price: `gross` counts for consumers, `net` for businesses."""

    code: str
    name: str
    net: Decimal
    gross: Decimal
    service_point_id: str = ""
    service_point_label: str = ""


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    vat: Decimal
    gross: Decimal
    discount_gross: Decimal


@dataclass(frozen=True)
class OrderTotals:
    lines: tuple[LineAmounts, ...]
    subtotal_net: Decimal
    subtotal_gross: Decimal
    discount_gross: Decimal
    shipping_net: Decimal
    shipping_gross: Decimal
    total_net: Decimal
    total_vat: Decimal
    total_gross: Decimal
    vat_breakdown: dict[str, dict[str, str]] = field(default_factory=dict)
    # The shipping's share per rate, same shape as vat_breakdown (which includes it).
    shipping_vat_breakdown: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_order_fields(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "lines"}


def line_amounts(line: PricedLine, *, prices_include_vat: bool) -> LineAmounts:
    if line.quantity <= 0:
        raise ValueError(f"{line.sku}: quantity must be positive")
    discount = money(line.discount_gross)
    if discount < 0:
        raise ValueError(f"{line.sku}: a discount cannot be negative")
    rate = Decimal(line.vat_rate)
    if prices_include_vat:
        gross = money(line.unit_gross) * line.quantity - discount
        if gross < 0:
            raise ValueError(f"{line.sku}: discount exceeds the line")
        net = net_from_gross(gross, rate)
        return LineAmounts(net=net, vat=gross - net, gross=gross, discount_gross=discount)
    net = money(line.unit_net) * line.quantity - net_from_gross(discount, rate)
    if net < 0:
        raise ValueError(f"{line.sku}: discount exceeds the line")
    vat = vat_on_net(net, rate)
    return LineAmounts(net=net, vat=vat, gross=net + vat, discount_gross=discount)


def rate_key(rate: Decimal) -> str:
    return str(Decimal(rate).quantize(CENT))


def goods_net_by_rate(lines: Sequence[PricedLine], *, prices_include_vat: bool) -> dict[Decimal, Decimal]:
    """The goods' net value per rate after discounts: what the shipping's VAT is split by."""
    amounts = [line_amounts(line, prices_include_vat=prices_include_vat) for line in lines]
    return _net_by_rate(lines, amounts)


def _net_by_rate(lines: Sequence[PricedLine], amounts: Sequence[LineAmounts]) -> dict[Decimal, Decimal]:
    per_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line, amount in zip(lines, amounts, strict=True):
        per_rate[Decimal(rate_key(line.vat_rate))] += amount.net
    return dict(per_rate)


def _table(rows) -> dict[str, dict[str, str]]:
    per_rate: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"net": ZERO, "vat": ZERO, "gross": ZERO})
    for rate, net, vat, gross in rows:
        bucket = per_rate[rate_key(rate)]
        bucket["net"] += net
        bucket["vat"] += vat
        bucket["gross"] += gross
    return {
        rate: {name: str(value) for name, value in bucket.items()}
        for rate, bucket in sorted(per_rate.items(), key=lambda item: Decimal(item[0]), reverse=True)
    }


def compute_totals(lines: Sequence[PricedLine], shipping: ShippingChoice, *, prices_include_vat: bool) -> OrderTotals:
    amounts = tuple(line_amounts(line, prices_include_vat=prices_include_vat) for line in lines)
    charge = shipping.gross if prices_include_vat else shipping.net
    parts = shipping_vat(money(charge), _net_by_rate(lines, amounts), includes_vat=prices_include_vat)
    shipping_net = sum((part.net for part in parts), ZERO)
    shipping_gross = sum((part.gross for part in parts), ZERO)
    shipping_rows = [(part.rate, part.net, part.vat, part.gross) for part in parts]
    goods_rows = [(line.vat_rate, a.net, a.vat, a.gross) for line, a in zip(lines, amounts, strict=True)]

    subtotal_net = sum((a.net for a in amounts), ZERO)
    subtotal_gross = sum((a.gross for a in amounts), ZERO)
    total_net = subtotal_net + shipping_net
    total_gross = subtotal_gross + shipping_gross
    return OrderTotals(
        lines=amounts,
        subtotal_net=subtotal_net,
        subtotal_gross=subtotal_gross,
        discount_gross=sum((a.discount_gross for a in amounts), ZERO),
        shipping_net=shipping_net,
        shipping_gross=shipping_gross,
        total_net=total_net,
        total_vat=total_gross - total_net,
        total_gross=total_gross,
        vat_breakdown=_table([*goods_rows, *shipping_rows]),
        shipping_vat_breakdown=_table(shipping_rows),
    )


@dataclass(frozen=True)
class VatRow:
    rate: Decimal
    net: Decimal
    vat: Decimal


@dataclass(frozen=True)
class ShownTotals:
    """The totals as every page and message shows them, in the buyer's display mode (gross for
    consumers, net for businesses): the cart, the review, the confirmation, the order e-mail.

    `subtotal` is the goods before the discount, `discount` what the codes took off it, so
    subtotal − discount + shipping = total (net or gross); `shipping` is None while no shipping
    is known (the cart of a destination without an offer).
    """

    prices_include_vat: bool
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal | None
    shipping_name: str
    vat_rows: tuple[VatRow, ...]
    total_net: Decimal
    total_vat: Decimal
    total_gross: Decimal

    @property
    def total(self) -> Decimal:
        return self.total_gross if self.prices_include_vat else self.total_net


def shown_totals(totals, lines, *, prices_include_vat: bool, shipping_name: str, shipping_known: bool = True):
    """`totals` has OrderTotals' fields (an OrderTotals or an Order); `lines` have `unit_net`,
    `unit_gross` and `quantity` (PricedLines or OrderLines): one rule for both."""
    unit = "unit_gross" if prices_include_vat else "unit_net"
    before = sum((money(getattr(line, unit)) * line.quantity for line in lines), ZERO)
    subtotal = totals.subtotal_gross if prices_include_vat else totals.subtotal_net
    shipping = totals.shipping_gross if prices_include_vat else totals.shipping_net
    rows = sorted(totals.vat_breakdown.items(), key=lambda item: Decimal(item[0]), reverse=True)
    return ShownTotals(
        prices_include_vat=prices_include_vat,
        subtotal=before,
        discount=before - subtotal,
        shipping=shipping if shipping_known else None,
        shipping_name=shipping_name,
        vat_rows=tuple(
            VatRow(rate=Decimal(rate), net=Decimal(amounts["net"]), vat=Decimal(amounts["vat"]))
            for rate, amounts in rows
        ),
        total_net=totals.total_net,
        total_vat=totals.total_vat,
        total_gross=totals.total_gross,
    )
