"""Built-in payment methods: prepayment (bank transfer) and, for approved companies, invoice."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .methods import CheckoutSnapshot, PaymentStart


def bank_account() -> dict[str, str]:
    return getattr(settings, "PREPAYMENT_BANK_ACCOUNT", {})


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


def open_invoice_total(company) -> Decimal:
    """Unpaid invoice orders of the company's buyers (cancelled/refunded ones do not count)."""
    from commerce.orders.models import Order, OrderStatus

    total = (
        Order.objects.filter(payment_method="invoice", paid_at__isnull=True, user__company_membership__company=company)
        .exclude(status__in=[OrderStatus.CANCELLED, OrderStatus.REFUNDED])
        .aggregate(total=Sum("total_gross"))["total"]
    )
    return total or Decimal("0.00")


def credit_available(company) -> Decimal:
    return company.credit_limit - open_invoice_total(company)


class Invoice:
    """Kauf auf Rechnung: approved companies with invoice terms, within their credit limit."""

    code = "invoice"
    name = gettext_lazy("Invoice")

    def is_available(self, snapshot: CheckoutSnapshot) -> bool:
        company = snapshot.company
        if company is None or not company.is_approved or not company.payment_terms.startswith("invoice"):
            return False
        return snapshot.goods_gross <= credit_available(company)

    def start(self, order, request) -> PaymentStart:
        return PaymentStart(redirect_url=None, instructions=_("You will receive the invoice with the delivery."))
