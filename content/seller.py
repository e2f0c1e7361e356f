"""The seller as the storefront names it (footer address). One function, so its source can change in one place."""

from __future__ import annotations

from django.conf import settings


def seller_contact() -> dict:
    """Legal name, postal address lines and contact e-mail of the shop's operator, from settings."""
    return {
        "name": getattr(settings, "SHOP_LEGAL_NAME", ""),
        "address": [line for line in getattr(settings, "SHOP_ADDRESS", []) if line],
        "email": getattr(settings, "SHOP_EMAIL", ""),
    }
