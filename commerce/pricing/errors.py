"""Pricing error codes and their user-facing messages (msgids in English, German in the .po file).

Callers (cart, checkout, API) show `error.message` and may switch on `error.code`; the
code is stable, the wording may change.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class QuantityErrorCode(StrEnum):
    NOT_A_NUMBER = "quantity_not_a_number"
    NOT_POSITIVE = "quantity_not_positive"
    TOO_LARGE = "quantity_too_large"
    BELOW_MINIMUM = "quantity_below_minimum"
    NOT_PACK_MULTIPLE = "quantity_not_pack_multiple"


class PricingErrorCode(StrEnum):
    UNSUPPORTED_COUNTRY = "unsupported_delivery_country"


MESSAGES = {
    QuantityErrorCode.NOT_A_NUMBER: _("Please enter the quantity as a whole number."),
    QuantityErrorCode.NOT_POSITIVE: _("The quantity must be at least 1."),
    QuantityErrorCode.TOO_LARGE: _("At most %(maximum)s items can be ordered per line."),
    QuantityErrorCode.BELOW_MINIMUM: _("This item can only be ordered in quantities of at least %(minimum)s."),
    QuantityErrorCode.NOT_PACK_MULTIPLE: _("This item is only available in multiples of %(pack)s."),
    PricingErrorCode.UNSUPPORTED_COUNTRY: _("We do not deliver to this country yet."),
}


class PricingError(Exception):
    """Base for every error the pricing service raises on purpose."""

    def __init__(self, code: StrEnum, **params):
        self.code = code
        self.params = params
        super().__init__(str(code))

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params if self.params else str(MESSAGES[self.code])

    def __str__(self) -> str:
        return self.message


class QuantityError(PricingError):
    """A quantity the shop cannot accept for this variant and customer."""


class UnsupportedCountryError(PricingError):
    """No VAT rule exists for the delivery country, so no price can be charged there."""
