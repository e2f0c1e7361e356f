"""Company VAT ID validation, buyer lookup and the review (approve/reject) service."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commerce.companies.models import Company, CompanyMembership, CompanyStatus, validate_vat_id
from commerce.companies.services import (
    CompanyDecisionError,
    approve_company,
    company_for_user,
    reject_company,
)
from commerce.pricing.tests.factories import VALID_VAT_IDS, make_company, make_user
from content.seller import seller_identity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("vat_id", [VALID_VAT_IDS["DE"], VALID_VAT_IDS["AT"], VALID_VAT_IDS["NL"], "DE 136 695 976"])
def test_valid_vat_ids_pass(vat_id):
    assert validate_vat_id(vat_id) is None


@pytest.mark.parametrize("vat_id", ["DE136695977", "ATU13585628", "NL004495446B01", "DE12345", "US123456789", ""])
def test_invalid_vat_ids_are_rejected(vat_id):
    with pytest.raises(ValidationError):
        validate_vat_id(vat_id)


def test_company_full_clean_rejects_a_wrong_check_digit():
    company = Company(
        name="Falsch GmbH",
        vat_id="DE136695977",
        street="Weg 1",
        postal_code="10115",
        city="Berlin",
        contact_email="a@example.com",
    )
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert list(error.value.message_dict) == ["vat_id"]


def test_vat_id_is_stored_compact_and_upper_case():
    company = make_company(vat_id="de 136.695.976")
    company.refresh_from_db()
    assert company.vat_id == "DE136695976"


def test_a_user_buys_for_one_company_only():
    buyer = make_user("einkauf")
    make_company("A GmbH", buyer=buyer)
    other = make_company("B KG", country="AT")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyMembership.objects.create(user=buyer, company=other)


def test_company_for_user_returns_the_approved_company():
    buyer = make_user("einkauf")
    company = make_company(buyer=buyer)
    assert company_for_user(buyer) == company


@pytest.mark.parametrize("status", [CompanyStatus.PENDING, CompanyStatus.REJECTED])
def test_company_for_user_ignores_companies_not_approved(status):
    buyer = make_user("einkauf")
    make_company(buyer=buyer, status=status)
    assert company_for_user(buyer) is None


def test_company_for_user_without_membership_is_none():
    make_company(buyer=make_user("jemand"))
    assert company_for_user(make_user("privat")) is None


def test_company_for_anonymous_is_none():
    from django.contrib.auth.models import AnonymousUser

    assert company_for_user(AnonymousUser()) is None


def test_approve_records_who_and_when(django_capture_on_commit_callbacks):
    staff = make_user("staff")
    company = make_company(status=CompanyStatus.PENDING)
    seller_identity()  # the e-mail's seller block; its first read stores the defaults
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        approve_company(company, by=staff)
    company.refresh_from_db()
    assert (company.status, company.decided_by, company.decided_at is not None) == (
        CompanyStatus.APPROVED,
        staff,
        True,
    )
    assert len(callbacks) == 2  # the decision hook, then the delivery of the email it wrote


def test_reject_records_who_when_and_why():
    staff = make_user("staff")
    company = make_company(status=CompanyStatus.PENDING)
    reject_company(company, by=staff, note="Kein Gewerbenachweis")
    company.refresh_from_db()
    assert (company.status, company.decided_by, company.decision_note) == (
        CompanyStatus.REJECTED,
        staff,
        "Kein Gewerbenachweis",
    )


def test_approving_twice_fails_and_changes_nothing(django_capture_on_commit_callbacks):
    first, second = make_user("staff1"), make_user("staff2")
    company = make_company(status=CompanyStatus.PENDING)
    approve_company(company, by=first)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(CompanyDecisionError):
        approve_company(Company.objects.get(pk=company.pk), by=second)
    company.refresh_from_db()
    assert (company.decided_by, callbacks) == (first, [])
