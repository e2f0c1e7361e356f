"""Order arithmetic: per-line amounts rounded to the cent (ROUND_HALF_UP), sums per VAT rate.

Each line is rounded once and satisfies net + VAT = gross; every total is a plain sum of lines,
so totals add up per rate and overall by construction. Consumers buy at gross prices (VAT is
taken out of the gross line), businesses at net prices (VAT is added to the net line): the two
rounding directions of German practice. VAT rates are percentages (Decimal("19.00")).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def net_from_gross(gross: Decimal, rate: Decimal) -> Decimal:
    return money(gross * HUNDRED / (HUNDRED + rate))


def vat_on_net(net: Decimal, rate: Decimal) -> Decimal:
    return money(net * rate / HUNDRED)


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
    code: str
    name: str
    net: Decimal
    gross: Decimal
    vat_rate: Decimal
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
    shipping_vat_rate: Decimal
    total_net: Decimal
    total_vat: Decimal
    total_gross: Decimal
    vat_breakdown: dict[str, dict[str, str]] = field(default_factory=dict)

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


def shipping_amounts(shipping: ShippingChoice, *, prices_include_vat: bool) -> LineAmounts:
    rate = Decimal(shipping.vat_rate)
    if prices_include_vat:
        gross = money(shipping.gross)
        net = net_from_gross(gross, rate)
        return LineAmounts(net=net, vat=gross - net, gross=gross, discount_gross=ZERO)
    net = money(shipping.net)
    vat = vat_on_net(net, rate)
    return LineAmounts(net=net, vat=vat, gross=net + vat, discount_gross=ZERO)


def rate_key(rate: Decimal) -> str:
    return str(Decimal(rate).quantize(CENT))


def compute_totals(lines: Sequence[PricedLine], shipping: ShippingChoice, *, prices_include_vat: bool) -> OrderTotals:
    amounts = tuple(line_amounts(line, prices_include_vat=prices_include_vat) for line in lines)
    ship = shipping_amounts(shipping, prices_include_vat=prices_include_vat)

    per_rate: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"net": ZERO, "vat": ZERO, "gross": ZERO})
    for rate, amount in [*zip((line.vat_rate for line in lines), amounts, strict=True), (shipping.vat_rate, ship)]:
        if amount.gross == 0 and amount is ship:
            continue  # free shipping adds no row to the VAT table
        bucket = per_rate[rate_key(rate)]
        bucket["net"] += amount.net
        bucket["vat"] += amount.vat
        bucket["gross"] += amount.gross

    subtotal_net = sum((a.net for a in amounts), ZERO)
    subtotal_gross = sum((a.gross for a in amounts), ZERO)
    total_net = subtotal_net + ship.net
    total_gross = subtotal_gross + ship.gross
    return OrderTotals(
        lines=amounts,
        subtotal_net=subtotal_net,
        subtotal_gross=subtotal_gross,
        discount_gross=sum((a.discount_gross for a in amounts), ZERO),
        shipping_net=ship.net,
        shipping_gross=ship.gross,
        shipping_vat_rate=Decimal(shipping.vat_rate).quantize(CENT),
        total_net=total_net,
        total_vat=total_gross - total_net,
        total_gross=total_gross,
        vat_breakdown={
            rate: {name: str(value) for name, value in bucket.items()}
            for rate, bucket in sorted(per_rate.items(), key=lambda item: Decimal(item[0]), reverse=True)
        },
    )
