"""Companies in the Wagtail admin: listing filters/search, and a status change recorded by the service."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.companies.models import Company, CompanyStatus
from commerce.pricing.tests.factories import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(admin)
    client.admin_user = admin
    return client


def test_listing_filters_by_status(staff_client):
    make_company("Wartet GmbH", status=CompanyStatus.PENDING)
    make_company("Fertig AG", country="AT", status=CompanyStatus.APPROVED)
    response = staff_client.get(reverse("wagtailsnippets_accounts_company:list"), {"status": "pending"})
    assert response.status_code == 200
    content = response.content.decode()
    assert ("Wartet GmbH" in content, "Fertig AG" in content) == (True, False)


def test_listing_searches_by_vat_id(staff_client):
    make_company("Wartet GmbH")
    make_company("Fertig AG", country="AT")
    response = staff_client.get(reverse("wagtailsnippets_accounts_company:list"), {"q": "ATU135"})
    content = response.content.decode()
    assert ("Fertig AG" in content, "Wartet GmbH" in content) == (True, False)


def _form_data(company, **changes) -> dict:
    data = {
        "name": company.name,
        "vat_id": company.vat_id,
        "trade_register_number": "",
        "street": company.street,
        "postal_code": company.postal_code,
        "city": company.city,
        "country": company.country,
        "contact_name": "",
        "contact_email": company.contact_email,
        "contact_phone": "",
        "shipping_name": "",
        "shipping_street": "",
        "shipping_postal_code": "",
        "shipping_city": "",
        "shipping_country": "",
        "status": "approved",
        "decision_note": "",
        "price_list": "",
        "payment_terms": "invoice_net_30",
        "credit_limit": "5000.00",
    }
    data.update(changes)
    return data


def test_approving_in_the_edit_form_records_the_staff_member(staff_client):
    company = make_company(status=CompanyStatus.PENDING)
    url = reverse("wagtailsnippets_accounts_company:edit", args=[company.pk])
    data = _form_data(company)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    company = Company.objects.get(pk=company.pk)
    assert (company.status, company.decided_by, company.payment_terms, str(company.credit_limit)) == (
        CompanyStatus.APPROVED,
        staff_client.admin_user,
        "invoice_net_30",
        "5000.00",
    )


def test_a_decided_company_cannot_go_back_to_pending(staff_client):
    company = make_company(status=CompanyStatus.APPROVED)
    url = reverse("wagtailsnippets_accounts_company:edit", args=[company.pk])
    response = staff_client.post(url, _form_data(company, status="pending", credit_limit="1.00"))
    assert response.status_code == 200  # form shown again with the error
    company.refresh_from_db()
    assert (company.status, str(company.credit_limit)) == (CompanyStatus.APPROVED, "0.00")
