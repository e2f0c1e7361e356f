"""Why the cart refused a change: stable codes, translated messages."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from commerce.errors import CodedError


class CartErrorCode(StrEnum):
    VARIANT_UNAVAILABLE = "variant_unavailable"
    OUT_OF_STOCK = "out_of_stock"
    NOT_ENOUGH_STOCK = "not_enough_stock"
    LINE_NOT_FOUND = "line_not_found"


MESSAGES = {
    CartErrorCode.VARIANT_UNAVAILABLE: _("This item is not available."),
    CartErrorCode.OUT_OF_STOCK: _("This item is out of stock."),
    CartErrorCode.NOT_ENOUGH_STOCK: _("Only %(stock)s of this item are in stock."),
    CartErrorCode.LINE_NOT_FOUND: _("This item is not in your cart."),
}


class CartError(CodedError):
    messages = MESSAGES
