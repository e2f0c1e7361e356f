"""One seller identity: staff change it in the admin, and the Impressum, footer, invoice and e-mails follow."""

from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from commerce.orders.invoices import invoice_pdf_bytes, issue_invoice
from commerce.orders.notifications import send_order_confirmation
from commerce.orders.services import mark_paid
from content.models import HomePage, StandardPage
from content.seller import SellerIdentity, seller_identity

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db

IDENTITY = {
    "legal_name": "Kräuterkontor Nord",
    "legal_form": "GmbH",
    "street": "Fischmarkt 7",
    "postal_code": "20359",
    "city": "Hamburg",
    "country": "DE",
    "managing_directors": "Jana Beispiel, Tom Muster",
    "register_court": "Amtsgericht Hamburg",
    "register_number": "HRB 987654",
    "vat_id": "DE811907980",
    "tax_number": "41/123/45678",
    "email": "kontakt@kraeuterkontor.example",
    "phone": "+49 40 123456",
    "bank_holder": "Kräuterkontor Nord GmbH",
    "bank_iban": "DE89370400440532013000",
    "bank_bic": "COBADEFFXXX",
    "bank_name": "Commerzbank",
    "dispute_resolution": "not_willing",
    "arbitration_board": "",
}


@pytest.fixture
def impressum(demo_site, document_roots):
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(title="Impressum", slug="impressum-test", body=[("seller_identity", None)])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("recht", "recht@example.com", "x" * 12))
    return client


def _edit_in_admin(client, site, **changes):
    url = reverse("wagtailsettings:edit", args=["content", "selleridentity", site.pk])
    client.get(url)  # the row exists from here on, as when staff open the form
    response = client.post(url, {**IDENTITY, **changes})
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def _pdf_text(invoice) -> str:
    reader = PdfReader(BytesIO(invoice_pdf_bytes(invoice)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _paid_invoice(**kwargs):
    order = order_for(make_variant(), **kwargs)
    mark_paid(order, actor="system")
    return issue_invoice(order)


def test_admin_change_reaches_impressum_footer_and_invoice(staff_client, client, demo_site, impressum):
    _edit_in_admin(staff_client, demo_site)
    staff_client.logout()

    with translation.override("de"):
        page = client.get(impressum.url).content.decode()
        home = client.get("/").content.decode()
    invoice_text = _pdf_text(_paid_invoice(language="de"))

    for html in (page, home):
        assert "Kräuterkontor Nord GmbH" in html and "Fischmarkt 7" in html and "20359 Hamburg" in html
    assert "Amtsgericht Hamburg" in page and "HRB 987654" in page and "DE811907980" in page
    assert "Jana Beispiel, Tom Muster" in page
    assert "nicht bereit und nicht verpflichtet" in page  # §36 VSBG
    for fact in ("Kräuterkontor Nord GmbH", "Fischmarkt 7", "20359 Hamburg", "DE811907980", "Amtsgericht Hamburg"):
        assert fact in invoice_text
    assert "HRB 987654" in invoice_text
    assert "Geschäftsführer: Jana Beispiel, Tom Muster" in invoice_text  # §35a GmbHG
    assert "Sitz: Hamburg" in invoice_text
    assert "DE89370400440532013000" not in invoice_text  # paid: no bank details asked for


def test_impressum_and_invoice_show_the_same_identity(staff_client, demo_site, impressum):
    _edit_in_admin(staff_client, demo_site, legal_name="Naturwest Handel", city="Köln", postal_code="50667")

    with translation.override("de"):
        page = staff_client.get(impressum.url).content.decode()
    invoice = _paid_invoice(language="de")
    text = _pdf_text(invoice)

    identity = seller_identity()
    assert invoice.seller["name"] == identity.display_name == "Naturwest Handel GmbH"
    for fact in (identity.display_name, identity.street, "50667 Köln", identity.vat_id, identity.register_number):
        assert fact in page and fact in text


def test_issued_invoice_keeps_the_identity_it_was_issued_with(staff_client, demo_site, impressum):
    _edit_in_admin(staff_client, demo_site)
    invoice = _paid_invoice()

    _edit_in_admin(staff_client, demo_site, legal_name="Neuer Name", street="Andere Str. 1")

    text = _pdf_text(invoice)
    assert "Kräuterkontor Nord GmbH" in text and "Neuer Name" not in text


def test_seller_country_is_printed_in_the_invoice_language(staff_client, demo_site, impressum):
    _edit_in_admin(staff_client, demo_site, country="AT", city="Wien", postal_code="1010")

    german, english = _pdf_text(_paid_invoice(language="de")), _pdf_text(_paid_invoice(language="en"))

    assert "Österreich" in german and "Austria" not in german
    assert "Austria" in english and "Österreich" not in english
    assert "Managing directors: Jana Beispiel, Tom Muster" in english
    assert "Register court: Amtsgericht Hamburg" in english


def test_bank_account_of_the_identity_is_the_one_checkout_and_email_show(
    staff_client, demo_site, impressum, django_capture_on_commit_callbacks
):
    from commerce.checkout.payment import Prepayment

    _edit_in_admin(staff_client, demo_site)
    order = order_for(make_variant(), language="de")

    with django_capture_on_commit_callbacks(execute=True):
        send_order_confirmation(order)

    assert "DE89370400440532013000" in Prepayment().instructions(order)
    message = mail.outbox[-1]
    assert "DE89370400440532013000" in message.body
    assert "Kräuterkontor Nord GmbH" in message.body  # the seller block of every order e-mail
    assert "Amtsgericht Hamburg, HRB 987654" in message.alternatives[0].content


def test_environment_only_fills_the_first_row(settings, demo_site):
    settings.SHOP_LEGAL_NAME = "Aus der Umgebung GmbH"
    first = seller_identity()
    SellerIdentity.objects.filter(pk=first.pk).update(legal_name="Aus dem Admin GmbH")
    first.legal_name = "Aus dem Admin GmbH"
    first.save()

    settings.SHOP_LEGAL_NAME = "Geänderte Umgebung GmbH"

    assert seller_identity().legal_name == "Aus dem Admin GmbH"
    assert SellerIdentity.objects.count() == 1


def test_credit_note_carries_the_company_details(staff_client, demo_site, impressum):
    from decimal import Decimal

    from commerce.orders.credit_notes import credit_note_pdf_bytes, issue_credit_note

    _edit_in_admin(staff_client, demo_site)
    invoice = _paid_invoice(language="de")

    credit_note = issue_credit_note(invoice.order, Decimal("5.00"), source="refund:test")

    reader = PdfReader(BytesIO(credit_note_pdf_bytes(credit_note)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Kräuterkontor Nord GmbH" in text and "Fischmarkt 7" in text
    assert "Registergericht: Amtsgericht Hamburg" in text and "Registernummer: HRB 987654" in text
    assert "Geschäftsführer: Jana Beispiel, Tom Muster" in text
