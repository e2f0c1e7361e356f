"""The invoice speaks the order's language throughout and says only what is true: delivery, payment, product."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Locale

from catalog.models import ProductPage
from commerce.orders.invoices import invoice_pdf_bytes, issue_invoice
from commerce.orders.models import Invoice, Order
from commerce.orders.services import mark_paid

from .factories import _root, make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller(settings, document_roots):
    settings.SHOP_VAT_ID = "DE136695976"
    settings.SHOP_TAX_NUMBER = "27/123/45678"
    settings.INVOICE_DELIVERY_WITHIN_DAYS = 5
    settings.PREPAYMENT_BANK_ACCOUNT = {
        "holder": "Naturwest GmbH",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
    }


def _text(invoice: Invoice) -> str:
    reader = PdfReader(BytesIO(invoice_pdf_bytes(invoice)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _paid(language: str, variant=None, **kwargs) -> Order:
    order = order_for(variant or make_variant(price="11.90"), 2, language=language, **kwargs)
    mark_paid(order, actor="system")
    return order


def _english(day) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def test_german_invoice_has_german_labels_dates_and_amounts_only():
    invoice = issue_invoice(_paid("de"))
    issued = timezone.localdate(invoice.issued_at)

    text = _text(invoice)

    for label in ["Rechnungsnummer", "Rechnungsdatum", "Leistungsdatum", "Nettobetrag", "Steuernummer"]:
        assert label in text, label
    for english in ["Invoice number", "Invoice date", "Delivery date", "Net amount", "Tax number", "Paid on"]:
        assert english not in text, english
    assert issued.strftime("%d.%m.%Y") in text
    assert issued.strftime("%B") not in text
    assert "28,79 €" in text and "€28" not in text


def test_english_invoice_has_english_labels_dates_and_amounts_only():
    invoice = issue_invoice(_paid("en"))
    issued = timezone.localdate(invoice.issued_at)

    text = _text(invoice)

    for label in ["Invoice number", "Invoice date", "Delivery date", "Net amount", "Tax number"]:
        assert label in text, label
    for german in ["Rechnungsnummer", "Leistungsdatum", "Nettobetrag", "Steuernummer", "Bezahlt", "Bestellnummer"]:
        assert german not in text, german
    assert f"Invoice date: {_english(issued)}" in text
    assert issued.strftime("%d.%m.%Y") not in text and issued.strftime("%m/%d/%Y") not in text
    assert "€28.79" in text and "28,79" not in text


def test_english_order_stores_and_prints_the_english_product_name():
    variant = make_variant(price="11.90")
    german = variant.product
    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    _root().add_child(
        instance=ProductPage(
            title="Lavender soap", slug="lavender-soap", locale=english_locale, translation_key=german.translation_key
        )
    )

    english_order = _paid("en", variant)
    german_order = _paid("de", variant)

    assert english_order.lines.get().product_title == "Lavender soap"
    assert german_order.lines.get().product_title == german.title
    text = _text(issue_invoice(english_order))
    assert "Lavender soap" in text and german.title not in text


def test_paid_invoice_asks_for_no_payment():
    order = _paid("de")
    invoice = issue_invoice(order)

    text = _text(invoice)

    paid_on = timezone.localdate(order.paid_at).strftime("%d.%m.%Y")
    assert f"Bezahlt am {paid_on} — kein Zahlungsbedarf." in text
    for request in ["IBAN", "DE02120300000000202051", "überweisen", "Verwendungszweck", "Zahlungsziel"]:
        assert request not in text, request


def test_unpaid_invoice_order_gives_due_date_and_bank_details():
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b", language="de")
    invoice = issue_invoice(order)

    text = _text(invoice)

    assert "Bezahlt" not in text
    assert "DE02120300000000202051" in text
    assert f"zahlbar bis {invoice.due_date.strftime('%d.%m.%Y')}" in text
    assert f"Rechnungsnummer {invoice.number} als Verwendungszweck" in text


def test_unshipped_order_does_not_claim_delivery_on_the_issue_date():
    invoice = issue_invoice(_paid("de"))
    issued = timezone.localdate(invoice.issued_at)

    text = _text(invoice)

    assert invoice.delivery_date is None
    assert f"Leistungsdatum: {issued.strftime('%d.%m.%Y')}" not in text
    assert "entspricht dem Rechnungsdatum" not in text
    expected = (issued + timedelta(days=5)).strftime("%d.%m.%Y")
    assert f"Leistungsdatum: Versandtag; Lieferung voraussichtlich bis {expected}" in text


def test_shipped_order_prints_the_shipping_date():
    order = _paid("de")
    shipped = timezone.now() - timedelta(days=3)
    Order.objects.filter(pk=order.pk).update(shipped_at=shipped)

    text = _text(issue_invoice(Order.objects.get(pk=order.pk)))

    assert f"Leistungsdatum: {timezone.localdate(shipped).strftime('%d.%m.%Y')}" in text
    assert "voraussichtlich" not in text


def test_order_shipped_on_the_issue_day_says_so():
    order = _paid("en")
    Order.objects.filter(pk=order.pk).update(shipped_at=timezone.now())

    text = _text(issue_invoice(Order.objects.get(pk=order.pk)))

    assert "Delivery date: same as the invoice date" in text
