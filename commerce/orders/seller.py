"""The shop as seller: legal name, address, tax ids and bank account, read from settings.

The bank account is the one the checkout shows for prepayment (`PREPAYMENT_BANK_ACCOUNT`,
defined by the checkout); the defaults only keep this module usable before that is merged.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_BANK_ACCOUNT = {"holder": "Naturwest GmbH", "iban": "", "bic": "", "bank": ""}


def bank_account() -> dict:
    return {**DEFAULT_BANK_ACCOUNT, **getattr(settings, "PREPAYMENT_BANK_ACCOUNT", {})}


def seller_snapshot() -> dict:
    return {
        "name": getattr(settings, "SHOP_LEGAL_NAME", "Naturwest GmbH"),
        "address": list(getattr(settings, "SHOP_ADDRESS", [])),
        "vat_id": getattr(settings, "SHOP_VAT_ID", ""),
        "tax_number": getattr(settings, "SHOP_TAX_NUMBER", ""),
        "trade_register": getattr(settings, "SHOP_TRADE_REGISTER", ""),
        "email": getattr(settings, "SHOP_EMAIL", ""),
        "bank": bank_account(),
    }
