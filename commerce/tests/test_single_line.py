"""Names and address lines arrive on one line, whichever form (or service call) they come through."""

from __future__ import annotations

import pytest
from django import forms

from commerce.checkout.forms import AddressForm as CheckoutAddressForm
from commerce.companies.forms import COMPANY_LINE_FIELDS, CompanyAdminForm, CompanyApplicationForm
from commerce.companies.models import Company
from commerce.customers.forms import AddressForm as BookAddressForm
from commerce.customers.services import ADDRESS_LINE_FIELDS, create_address, update_address
from commerce.single_line import SingleLineField, single_line

DIRTY = "Anna-Lena\r\nO'Brien\x00 &\tSöhne\u2028\u202eGmbH\x1b[0m"
CLEAN = "Anna-Lena O'Brien & Söhne GmbH [0m"
CHECKOUT = {
    "first_name": "Anna",
    "last_name": "Berg",
    "street": "Hauptstraße 1",
    "postal_code": "10115",
    "city": "Berlin",
    "country": "DE",
}


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (DIRTY, CLEAN),
        ("Bio\nKontor", "Bio Kontor"),
        ("  Müller  &  Söhne ", "Müller & Söhne"),
        ("\x00\r\n\t", ""),
        ("O'Brien", "O'Brien"),
        ("محمد", "محمد"),
        ("Zoë\u200dKéké", "Zoë\u200dKéké"),  # a joiner is part of some scripts' spelling
    ],
)
def test_single_line_turns_control_characters_into_spaces(raw, cleaned):
    assert single_line(raw) == cleaned


def test_the_field_counts_max_length_after_cleaning():
    field = SingleLineField(max_length=5)

    assert field.clean("Ab\r\n\r\n\r\nCd") == "Ab Cd"


@pytest.mark.django_db  # the country choices are the shipping zones' countries
@pytest.mark.parametrize("field", ["first_name", "last_name", "company", "street", "street2", "city", "phone"])
def test_checkout_address_is_one_line_per_field(field):
    form = CheckoutAddressForm(data={**CHECKOUT, field: DIRTY[:28]})

    assert form.is_valid(), form.errors
    assert form.address()[field] == single_line(DIRTY[:28])
    assert "\n" not in form.address()[field] and "\x00" not in form.address()[field]


def test_every_text_field_of_the_address_forms_is_single_line():
    checkout = CheckoutAddressForm()
    book = BookAddressForm()

    checkout_text = [n for n, f in checkout.fields.items() if type(f) is forms.CharField]
    assert checkout_text == []
    assert all(isinstance(book.fields[name], SingleLineField) for name in ADDRESS_LINE_FIELDS)
    assert [n for n, f in book.fields.items() if type(f) is forms.CharField] == []


@pytest.mark.django_db
def test_address_book_form_and_service_store_one_line(django_user_model):
    user = django_user_model.objects.create_user("anna", "anna@example.com", "x")
    form = BookAddressForm(data={**CHECKOUT, "company": DIRTY, "kind": "both"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["company"] == CLEAN

    address = create_address(user, **{**CHECKOUT, "first_name": "Anna\r\nBcc: x@example.com"})
    assert address.first_name == "Anna Bcc: x@example.com"
    address = update_address(user, address.pk, company="A\nB", city="Ber\x00lin")
    assert (address.company, address.city) == ("A B", "Ber lin")


APPLICATION = {
    "name": "Bio Kontor GmbH",
    "vat_id": "DE 136 695 976",
    "trade_register_number": "HRB 1234",
    "street": "Weg 1",
    "postal_code": "10115",
    "city": "Berlin",
    "country": "DE",
    "contact_name": "Erika Muster",
    "contact_email": "einkauf@kontor.example",
    "contact_phone": "030 123",
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", COMPANY_LINE_FIELDS)
def test_b2b_application_stores_one_line(field):
    form = CompanyApplicationForm(data={**APPLICATION, field: "Bio\r\nKontor\x00"})

    assert form.is_valid(), form.errors
    company = form.save()
    assert getattr(company, field) == "Bio Kontor"


@pytest.mark.django_db
def test_the_admin_company_form_cleans_to_one_line():
    from commerce.companies.wagtail_hooks import CompanyViewSet

    form_class = CompanyViewSet.edit_handler.bind_to_model(Company).get_form_class()

    assert issubclass(form_class, CompanyAdminForm)
    present = [name for name in COMPANY_LINE_FIELDS if name in form_class.base_fields]
    assert "name" in present and "contact_name" in present
    for name in present:
        assert form_class.base_fields[name].clean("Bio\r\nKontor\x00") == "Bio Kontor", name
