"""The shop as seller, for orders: read from the one seller identity (content.seller)."""

from __future__ import annotations

from content.seller import bank_account, identity_snapshot


def seller_snapshot() -> dict:
    """What an invoice or credit note stores of the seller at issue."""
    return identity_snapshot()


__all__ = ["bank_account", "seller_snapshot"]
