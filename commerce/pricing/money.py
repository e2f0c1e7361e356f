"""Money arithmetic: one rounding rule and one VAT formula for every amount in the shop."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def to_cent(amount: Decimal) -> Decimal:
    """Round half up to the cent (kaufmännische Rundung), as German invoices expect."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"Money must be Decimal, got {type(amount).__name__}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def net_from_gross(gross: Decimal, rate: Decimal) -> Decimal:
    """The net amount in a gross one at `rate` percent, to the cent."""
    return to_cent(gross * HUNDRED / (HUNDRED + Decimal(rate)))


def vat_on_net(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT on a net amount at `rate` percent, to the cent."""
    return to_cent(net * Decimal(rate) / HUNDRED)


def gross_from_net(net: Decimal, rate: Decimal) -> Decimal:
    """Net plus its VAT: the gross a net amount stands for at `rate` percent."""
    return to_cent(net) + vat_on_net(net, rate)
