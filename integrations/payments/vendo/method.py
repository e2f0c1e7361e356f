"""VendoService as a checkout payment method (CONTRACTS.md `PaymentMethod`).

The contract's dataclasses live in commerce.checkout.methods (the checkout room); they are
imported lazily so this module also works where the checkout is not installed (then an
identical local `PaymentStart` is returned).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from integrations.payments import services
from integrations.payments.vendo.client import SUPPORTED_CURRENCIES


@dataclass(frozen=True)
class LocalPaymentStart:
    redirect_url: str | None
    instructions: str = ""


def payment_start_type():
    try:
        from commerce.checkout.methods import PaymentStart
    except ImportError:
        return LocalPaymentStart
    return PaymentStart


class VendoPayment:
    """Card and other online methods on Vendo's hosted page. Consumers and prepaying businesses."""

    code = services.PAYMENT_METHOD_CODE
    name = _("Online payment (card and more, via Vendo)")

    def is_available(self, snapshot) -> bool:
        company = getattr(snapshot, "company", None)
        if company is not None and getattr(company, "payment_terms", "prepayment") != "prepayment":
            return False  # businesses buying on account pay their invoice, not online
        currency = getattr(getattr(snapshot, "context", None), "currency", "EUR")
        return currency in SUPPORTED_CURRENCIES

    def start(self, order, request):
        """Called after the order is committed: a signed link to Vendo's page (raises PaymentStartFailed)."""
        return payment_start_type()(redirect_url=services.start_payment(order, request))
