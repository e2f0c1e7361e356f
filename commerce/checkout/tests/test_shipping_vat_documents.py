"""A mixed-rate order shows the same VAT per rate and totals everywhere: cart, review, order,
confirmation page, e-mail and invoice PDF (the shipping split over 7 % and 19 % included)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from commerce.orders import providers
from commerce.orders.invoices import invoice_pdf_bytes
from commerce.orders.models import Order
from commerce.orders.services import mark_paid

from .flow import add, place, shown_in_html, shown_in_text, to_review

# 3 × Minztee (30.00 net at 7 %) + 1 × Olivenseife (10.00 net at 19 %); shipping 4.90 split 75 % / 25 %.
VAT_PER_RATE = {
    "19.00": {"net": "11.03", "vat": "2.10", "gross": "13.13"},
    "7.00": {"net": "33.43", "vat": "2.34", "gross": "35.77"},
}
SHIPPING_PER_RATE = {
    "19.00": {"net": "1.03", "vat": "0.20", "gross": "1.23"},
    "7.00": {"net": "3.43", "vat": "0.24", "gross": "3.67"},
}


@pytest.fixture(autouse=True)
def zone_rates_only():
    """No shipping provider: the shipping zones' home deliveries at their prices."""
    with providers.replaced(shipping_methods=[]):
        yield


def de(amount) -> str:
    with translation.override("de"):
        return formats.number_format(Decimal(amount), 2, use_l10n=True, force_grouping=True)


def de_rate(rate: str) -> str:
    with translation.override("de"):
        return formats.number_format(Decimal(rate).normalize(), use_l10n=True)


def pdf_text(order: Order) -> str:
    reader = PdfReader(BytesIO(invoice_pdf_bytes(order.invoice)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_mixed_rate_order_shows_the_same_vat_everywhere(
    client, shop, mailoutbox, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    add(client, shop.tea, 3)
    add(client, shop.soap, 1)

    cart_page = client.get("/cart/")
    review, token = to_review(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client, token)
    order = Order.objects.get()
    confirmation = client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order, actor="system")
    order.refresh_from_db()

    for priced in (cart_page.context["priced"], review.context["priced"]):
        assert priced.totals.vat_breakdown == VAT_PER_RATE
        assert priced.totals.shipping_vat_breakdown == SHIPPING_PER_RATE
        assert priced.totals.total_gross == Decimal("48.90")
    assert (order.vat_breakdown, order.shipping_vat_breakdown) == (VAT_PER_RATE, SHIPPING_PER_RATE)
    assert (order.subtotal_gross, order.shipping_gross, order.total_gross) == (
        Decimal("44.00"),
        Decimal("4.90"),
        Decimal("48.90"),
    )
    assert (order.total_net, order.total_vat) == (Decimal("44.46"), Decimal("4.44"))

    expected = {
        "subtotal": "44,00 €",
        "shipping": "4,90 €",
        "vat": {"19": "2,10 €", "7": "2,34 €"},
        "total": "48,90 €",
    }
    email = mailoutbox[0]
    for shown in (
        shown_in_html(cart_page.content.decode()),
        shown_in_html(review.content.decode()),
        shown_in_html(confirmation),
        shown_in_html(email.alternatives[0][0]),
        shown_in_text(email.body, shipping_name="DHL Paket"),
    ):
        assert shown == expected
    invoice = pdf_text(order)
    with translation.override("de"):
        vat_label = gettext("VAT")
        for rate, amounts in VAT_PER_RATE.items():
            assert f"{vat_label} {de_rate(rate)} % {de(amounts['vat'])} €" in invoice
            assert f"{de_rate(rate)} % {de(amounts['net'])} €" in invoice
        for rate, amounts in SHIPPING_PER_RATE.items():
            # One shipping row per rate on the invoice: net amount at that rate.
            assert gettext("(share at %(rate)s)") % {"rate": f"{de_rate(rate)} %"} in invoice
            assert f"{de(amounts['net'])} € {de_rate(rate)} % {de(amounts['net'])} €" in invoice
    assert "48,90 €" in invoice
