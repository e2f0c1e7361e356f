"""Why a promo code was refused: stable codes, translated messages."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from commerce.errors import CodedError


class PromoErrorCode(StrEnum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    MINIMUM_NOT_REACHED = "minimum_not_reached"
    ALREADY_USED = "already_used"
    USAGE_LIMIT_REACHED = "usage_limit_reached"
    NOT_FOR_YOUR_ACCOUNT = "not_for_your_account"
    NOT_COMBINABLE = "not_combinable"
    NOT_APPLICABLE = "not_applicable"
    RATE_LIMITED = "rate_limited"


MESSAGES = {
    PromoErrorCode.UNKNOWN: _("This promo code does not exist."),
    PromoErrorCode.EXPIRED: _("This promo code has expired."),
    PromoErrorCode.NOT_YET_VALID: _("This promo code is not valid yet."),
    PromoErrorCode.MINIMUM_NOT_REACHED: _("This promo code needs a minimum order value of %(minimum)s €."),
    PromoErrorCode.ALREADY_USED: _("You have already used this promo code."),
    PromoErrorCode.USAGE_LIMIT_REACHED: _("This promo code has been used up."),
    PromoErrorCode.NOT_FOR_YOUR_ACCOUNT: _("This promo code is not valid for your customer account."),
    PromoErrorCode.NOT_COMBINABLE: _("This promo code cannot be combined with the other code in your cart."),
    PromoErrorCode.NOT_APPLICABLE: _("This promo code does not apply to the items in your cart."),
    PromoErrorCode.RATE_LIMITED: _("Too many invalid promo codes. Please try again in a few minutes."),
}


class PromoError(CodedError):
    messages = MESSAGES
