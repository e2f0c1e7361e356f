"""Why an order cannot be withdrawn from online: stable codes, translated messages."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from commerce.errors import CodedError


class WithdrawalErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    BUSINESS_ORDER = "business_order"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    PERIOD_EXPIRED = "period_expired"
    NOTHING_LEFT = "nothing_left"
    NO_LINES = "no_lines"


WITHDRAWAL_MESSAGES = {
    # The same words whether the number is unknown or the e-mail does not match: nothing is revealed.
    WithdrawalErrorCode.NOT_FOUND: _(
        "We could not find an order with this order number and e-mail address. Please check both entries."
    ),
    WithdrawalErrorCode.RATE_LIMITED: _("Too many attempts. Please try again in a few minutes or contact us."),
    WithdrawalErrorCode.BUSINESS_ORDER: _(
        "This order was placed for a business. The statutory right of withdrawal applies to consumers only, "
        "so it cannot be withdrawn from here. Please contact us if you would like to return goods."
    ),
    WithdrawalErrorCode.CANCELLED: _("This order has been cancelled: there is no contract left to withdraw from."),
    WithdrawalErrorCode.REFUNDED: _("This order has already been refunded in full."),
    WithdrawalErrorCode.PERIOD_EXPIRED: _("The withdrawal period for this order ended on %(date)s."),
    WithdrawalErrorCode.NOTHING_LEFT: _("You have already withdrawn from every item of this order."),
    WithdrawalErrorCode.NO_LINES: _("Please choose the whole order or at least one item."),
}


class WithdrawalError(CodedError):
    messages = WITHDRAWAL_MESSAGES
