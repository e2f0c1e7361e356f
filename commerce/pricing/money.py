"""Money rounding: one function, so every amount in the shop is rounded the same way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cent(amount: Decimal) -> Decimal:
    """Round half up to the cent (kaufmännische Rundung), as German invoices expect."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"Money must be Decimal, got {type(amount).__name__}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
