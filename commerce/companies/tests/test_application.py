import pytest
from django.core import mail
from django.urls import clear_url_caches, reverse

from commerce.companies.models import Company, CompanyMembership, CompanyStatus
from commerce.companies.services import approve_company, reject_company

pytestmark = pytest.mark.django_db

FORM = {
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


@pytest.fixture
def applicant(django_user_model, client):
    user = django_user_model.objects.create_user("erika", "erika@example.com", "pw-123456789")
    client.force_login(user)
    return user


@pytest.fixture
def staff_emails(settings):
    settings.STAFF_ALERT_EMAILS = ["ops@naturwest.example"]


def test_anonymous_must_sign_in_first(client):
    response = client.get(reverse("accounts:b2b_apply"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_application_creates_pending_company_with_applicant_as_buyer(client, applicant, staff_emails):
    response = client.post(reverse("accounts:b2b_apply"), FORM)

    assert response.status_code == 302
    company = Company.objects.get()
    assert company.status == CompanyStatus.PENDING
    assert company.vat_id == "DE136695976"
    assert CompanyMembership.objects.get(user=applicant).company == company


def test_application_emails_applicant_and_staff(client, applicant, staff_emails, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:b2b_apply"), FORM)

    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == [("einkauf@kontor.example", "erika@example.com"), ("ops@naturwest.example",)]


def test_invalid_vat_id_is_refused_and_nothing_created(client, applicant):
    response = client.post(reverse("accounts:b2b_apply"), {**FORM, "vat_id": "DE136695977"})

    assert response.status_code == 200
    assert "vat_id" in response.context["form"].errors
    assert Company.objects.count() == 0
    assert CompanyMembership.objects.count() == 0


def test_existing_buyer_cannot_apply_again(client, applicant):
    client.post(reverse("accounts:b2b_apply"), FORM)

    client.post(reverse("accounts:b2b_apply"), {**FORM, "vat_id": "DE129273398", "name": "Second"})

    assert Company.objects.count() == 1


@pytest.mark.parametrize(
    ("decide", "subject"),
    [(approve_company, "Your business account has been approved"), (reject_company, "Your B2B application")],
)
def test_decision_is_emailed_to_the_applicant(
    client, applicant, django_capture_on_commit_callbacks, admin_user, settings, decide, subject
):
    client.post(reverse("accounts:b2b_apply"), FORM)
    company = Company.objects.get()
    # The decision email goes out in the shop's default language; switch it only around the decision, and drop
    # the URL resolver caches built meanwhile (they bake the default-language prefix in) so no other test sees them.
    default_language = settings.LANGUAGE_CODE
    settings.LANGUAGE_CODE = "en"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decide(company, by=admin_user)
    finally:
        settings.LANGUAGE_CODE = default_language
        clear_url_caches()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["einkauf@kontor.example", "erika@example.com"]
    assert mail.outbox[0].subject == subject
