"""VendoService as a payment method of the shop's provider registry (commerce.orders.providers)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commerce.checkout.methods import PaymentStart
from integrations.payments import reconciliation, services
from integrations.payments.vendo.client import PROVIDER, SUPPORTED_CURRENCIES


class VendoPayment:
    """Card and other online methods on Vendo's hosted page. Consumers and prepaying businesses."""

    code = PROVIDER
    name = _("Online payment (card and more, via Vendo)")

    def client(self):
        from integrations.payments.vendo.client import VendoClient

        return VendoClient.from_settings()

    def orders_with_payment_evidence(self, orders) -> set[int]:
        """The registry's expiry hold: Vendo reported money for these pending orders."""
        return reconciliation.orders_with_payment_evidence(self.code, orders)

    def is_available(self, snapshot) -> bool:
        company = getattr(snapshot, "company", None)
        if company is not None and getattr(company, "payment_terms", "prepayment") != "prepayment":
            return False  # businesses buying on account pay their invoice, not online
        currency = getattr(getattr(snapshot, "context", None), "currency", "EUR")
        return currency in SUPPORTED_CURRENCIES

    def redirect_origins(self) -> tuple[str, ...]:
        """Where a form posting to us may be redirected: CSP `form-action` must allow Vendo's page,
        or Chromium stops the redirect after "place order" / "pay now" on the shop's page."""
        parts = urlsplit(settings.VENDO_BASE_URL)
        return (f"{parts.scheme}://{parts.netloc}",) if parts.scheme and parts.netloc else ()

    def start(self, order, request):
        """Called after the order is committed: a signed link to Vendo's page (raises PaymentStartFailed)."""
        try:
            url = services.start_payment(order, request)
        except services.PaymentStartFailed as failure:
            # The buyer retries from the pay-now page; order and cart are kept.
            failure.retry_url = reverse("payments:payment", args=[order.uuid])
            raise
        return PaymentStart(redirect_url=url)
