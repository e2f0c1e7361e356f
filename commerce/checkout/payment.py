"""Built-in payment methods: prepayment (bank transfer) and, for approved companies, invoice."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commerce.orders.credit import available_credit, may_buy_on_account
from content.seller import bank_account as seller_bank_account

from .methods import CheckoutSnapshot, PaymentStart


def bank_account() -> dict[str, str]:
    """The seller identity's account (one source for checkout, confirmation, e-mail and invoice)."""
    return seller_bank_account()


class Prepayment:
    """Vorkasse: the order waits in pending_payment until staff mark the transfer as received."""

    code = "prepayment"
    name = gettext_lazy("Prepayment (bank transfer)")

    def is_available(self, snapshot: CheckoutSnapshot) -> bool:
        return True

    def instructions(self, order) -> str:
        account = bank_account()
        return _(
            "Please transfer %(total)s € to %(holder)s, IBAN %(iban)s, BIC %(bic)s (%(bank)s), "
            "reference %(number)s. We ship as soon as the money has arrived."
        ) % {
            "total": order.total_gross,
            "holder": account.get("holder", ""),
            "iban": account.get("iban", ""),
            "bic": account.get("bic", ""),
            "bank": account.get("bank", ""),
            "number": order.number,
        }

    def start(self, order, request) -> PaymentStart:
        return PaymentStart(redirect_url=None, instructions=self.instructions(order))


class Invoice:
    """Kauf auf Rechnung: approved companies with invoice terms, within their credit limit.

    Offering it is a first look (goods only, shipping is not chosen yet); placing the order checks
    the whole total again with the company locked (commerce.orders.credit.reserve_credit).
    """

    code = "invoice"
    name = gettext_lazy("Invoice")

    def is_available(self, snapshot: CheckoutSnapshot) -> bool:
        company = snapshot.company
        if not may_buy_on_account(company):
            return False
        return snapshot.goods_gross <= available_credit(company)

    def start(self, order, request) -> PaymentStart:
        return PaymentStart(redirect_url=None, instructions=_("You will receive the invoice with the delivery."))
