"""A company's credit on account: the one place that says how much it may still buy on invoice.

What is open is every unpaid, owed invoice order of the company itself (`Order.company`, as
placed), whoever of its buyers placed it. The checkout asks `available_credit` to decide whether
to offer the invoice; `place_order` asks `reserve_credit` again with the company row locked, so
buyers of one company ordering at the same moment queue for the limit instead of overrunning it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from commerce.pricing.money import to_cent

from .models import Order, OrderStatus, PaymentMethodCode

ZERO = Decimal("0.00")
NOT_OWED = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


class CreditLimitExceeded(Exception):
    """The invoice order is larger than the company's available credit; nothing was written."""

    def __init__(self, *, amount: Decimal, available: Decimal):
        self.amount, self.available = amount, available
        self.message = _(
            "This order (%(amount)s €) exceeds your company's available credit limit (%(available)s €). "
            "Nothing was ordered; please choose another payment method."
        ) % {"amount": number_format(amount, 2), "available": number_format(available, 2)}
        super().__init__(str(self.message))


class InvoiceNotAllowed(CreditLimitExceeded):
    """The company may no longer buy on account (not approved, or prepayment terms)."""

    def __init__(self):
        super().__init__(amount=ZERO, available=ZERO)
        self.message = _("Your company cannot order on invoice right now. Nothing was ordered.")


def may_buy_on_account(company) -> bool:
    return company is not None and company.is_approved and company.payment_terms.startswith("invoice")


def open_invoice_orders(company) -> QuerySet[Order]:
    """Unpaid invoice orders the company still owes (cancelled and refunded ones are not owed)."""
    return Order.objects.filter(
        company=company, payment_method=PaymentMethodCode.INVOICE, paid_at__isnull=True
    ).exclude(status__in=NOT_OWED)


def open_invoice_amount(company) -> Decimal:
    total = open_invoice_orders(company).aggregate(total=Sum("total_gross"))["total"] or ZERO
    return to_cent(total)  # SQLite sums decimals with float noise


def available_credit(company) -> Decimal:
    """Credit limit minus what the company's open invoices already use, never below zero."""
    return max(company.credit_limit - open_invoice_amount(company), ZERO)


def reserve_credit(locked_company, amount: Decimal) -> None:
    """Refuse an invoice order of `amount` that the company's credit does not cover.

    The caller holds the company row lock (lock_objects.company_for_update) until its order is
    committed: the next buyer of the same company reads the open amount only after that.
    """
    if not may_buy_on_account(locked_company):
        raise InvoiceNotAllowed()
    available = available_credit(locked_company)
    if amount > available:
        raise CreditLimitExceeded(amount=amount, available=available)
