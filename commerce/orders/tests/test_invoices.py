"""Invoices: gap-free numbers, idempotent issue, and a PDF with every element German law asks for."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from commerce.companies.models import Company, CompanyStatus, PaymentTerms
from commerce.orders.invoices import NotInvoiceable, invoice_pdf_bytes, issue_invoice
from commerce.orders.models import Invoice
from commerce.orders.services import mark_paid

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller(settings, document_roots):
    settings.SHOP_LEGAL_NAME = "Naturwest GmbH"
    settings.SHOP_ADDRESS = ["Naturweg 1", "10115 Berlin"]
    settings.SHOP_VAT_ID = "DE136695976"
    settings.SHOP_TAX_NUMBER = "27/123/45678"
    settings.PREPAYMENT_BANK_ACCOUNT = {
        "holder": "Naturwest GmbH",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
    }


def _text(invoice: Invoice) -> str:
    reader = PdfReader(BytesIO(invoice_pdf_bytes(invoice)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _paid_order(**kwargs):
    order = order_for(make_variant(price="11.90"), 2, **kwargs)
    mark_paid(order, actor="system")
    return order


def test_invoice_numbers_are_sequential_per_year():
    first = issue_invoice(_paid_order())
    second = issue_invoice(_paid_order())

    year = first.issued_at.year
    assert first.number == f"RE-{year}-000001"
    assert second.number == f"RE-{year}-000002"


def test_issuing_twice_returns_the_same_invoice():
    order = _paid_order()

    first = issue_invoice(order)
    second = issue_invoice(order)

    assert first.pk == second.pk
    assert Invoice.objects.count() == 1


def test_unpaid_prepayment_order_gets_no_invoice_and_no_number():
    order = order_for(make_variant())

    with pytest.raises(NotInvoiceable):
        issue_invoice(order)

    assert Invoice.objects.count() == 0
    assert issue_invoice(_paid_order()).number.endswith("-000001")


def test_mark_paid_issues_the_invoice_after_commit(django_capture_on_commit_callbacks):
    order = order_for(make_variant())

    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order, actor="system")

    assert Invoice.objects.filter(order=order).count() == 1


def test_mark_paid_emails_payment_received_with_the_invoice(django_capture_on_commit_callbacks):
    order = order_for(make_variant(), email="erika@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order, actor="system")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erika@example.com"]
    assert mail.outbox[0].attachments[0][0] == f"{order.invoice.number}.pdf"


def test_invoice_order_is_invoiced_when_placed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")

    assert Invoice.objects.filter(order=order).exists()


def test_pdf_has_the_german_invoice_requirements():
    order = _paid_order(language="de")
    invoice = issue_invoice(order)

    text = _text(invoice)

    for required in [
        "Naturwest GmbH",
        "Naturweg 1",
        "10115 Berlin",
        "DE136695976",
        "27/123/45678",
        "Erika Muster",
        "Hauptstr. 1",
        invoice.number,
        order.number,
        invoice.issued_at.strftime("%d.%m.%Y"),
        order.lines.get().sku,
        "19 %",
    ]:
        assert required in text, required
    row = order.vat_breakdown["19.00"]
    assert "20,00 €" in text  # line net of 2 × 11.90 gross at 19 %
    assert f"{row['vat'].replace('.', ',')} €" in text
    assert "28,79 €" in text  # gross incl. 4.99 shipping


def test_pdf_lists_net_and_vat_per_rate():
    order = _paid_order(language="en")
    invoice = issue_invoice(order)

    text = _text(invoice)

    row = order.vat_breakdown["19.00"]
    assert f"Net amount 19 % €{row['net']}" in text
    assert f"VAT 19 % €{row['vat']}" in text
    assert f"Total gross €{order.total_gross}" in text


def test_reverse_charge_invoice_has_note_and_buyer_vat_id():
    company = Company.objects.create(
        name="Bio Winkel BV",
        vat_id="NL004495445B01",
        country="NL",
        street="Straat 1",
        postal_code="1011 AB",
        city="Amsterdam",
        contact_email="info@winkel.example",
        status=CompanyStatus.APPROVED,
        payment_terms=PaymentTerms.INVOICE_NET_30,
        credit_limit=Decimal("1000.00"),
    )
    order = order_for(
        make_variant(),
        payment_method="invoice",
        customer_kind="b2b",
        company=company,
        reverse_charge=True,
        reverse_charge_note="Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
        language="de",
    )
    invoice = issue_invoice(order)

    text = _text(invoice)

    assert "Steuerschuldnerschaft des Leistungsempfängers" in text
    assert "NL004495445B01" in text
    assert "30" in text and invoice.due_date.strftime("%d.%m.%Y") in text
    assert (invoice.due_date - invoice.issued_at.date()).days == 30


def test_company_kwarg_snapshots_the_company():
    company = Company.objects.create(
        name="Kontor GmbH",
        vat_id="DE136695976",
        street="Weg 1",
        postal_code="10115",
        city="Berlin",
        contact_email="k@example.com",
        status=CompanyStatus.APPROVED,
    )

    order = order_for(make_variant(), company=company, customer_kind="b2b")

    assert order.company == company
    assert (order.company_name, order.company_vat_id) == ("Kontor GmbH", "DE136695976")
    assert order.total_gross > Decimal("0")
