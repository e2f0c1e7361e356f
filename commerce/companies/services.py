"""Company review and buyer lookup, as plain functions the admin, views and API call."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Company, CompanyMembership, CompanyStatus


class ApplicationError(Exception):
    """The user already buys for a company (one company per user); nothing was created."""


class CompanyDecisionError(Exception):
    """The company is already in the requested state (or vanished); nothing was changed."""


def company_for_user(user) -> Company | None:
    """The approved company `user` buys for, or None (anonymous, B2C, pending or rejected)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Company.objects.bought_for_by(user).select_related("price_list").first()


def approve_company(company: Company, *, by, note: str = "") -> Company:
    return _decide(company, CompanyStatus.APPROVED, by=by, note=note)


def reject_company(company: Company, *, by, note: str = "") -> Company:
    return _decide(company, CompanyStatus.REJECTED, by=by, note=note)


def _decide(company: Company, status: CompanyStatus, *, by, note: str) -> Company:
    """Record the decision with a conditional update, so two staff clicking at once decide once."""
    now = timezone.now()
    with transaction.atomic():
        changed = (
            Company.objects.filter(pk=company.pk)
            .exclude(status=status)
            .update(status=status, decided_at=now, decided_by=by, decision_note=note, updated_at=now)
        )
        if not changed:
            raise CompanyDecisionError(f"Company {company.pk} is already {status}.")
        transaction.on_commit(lambda: notify_company_decision(company.pk, status))
    company.status, company.decided_at, company.decided_by, company.decision_note = status, now, by, note
    return company


def apply_for_company(user, company: Company, *, language: str = "de") -> Company:
    """Save a (validated, unsaved) application as a pending company with `user` as its first buyer.

    After commit the applicant gets "application received" and the staff an alert.
    """
    with transaction.atomic():
        if CompanyMembership.objects.filter(user_id=user.pk).exists():
            raise ApplicationError("user already belongs to a company")
        company.status = CompanyStatus.PENDING
        company.save()
        CompanyMembership.objects.create(user=user, company=company)
        company_id = company.pk
        transaction.on_commit(lambda: notify_application_received(company_id, language))
    return company


def _company_context(company: Company) -> dict:
    return {"company_name": company.name, "contact_name": company.contact_name, "vat_id": company.vat_id}


def _applicant_emails(company: Company) -> list[str]:
    """The contact address and the buyers' login addresses, without duplicates."""
    emails = [company.contact_email, *company.members.values_list("user__email", flat=True)]
    return list(dict.fromkeys(email.lower() for email in emails if email))


def notify_application_received(company_id: int, language: str) -> None:
    from django.conf import settings
    from django.urls import reverse

    from commerce.notifications.services import notify, notify_staff

    company = Company.objects.get(pk=company_id)
    notify(
        "b2b_application_received",
        to=_applicant_emails(company),
        context=_company_context(company),
        language=language,
        dedupe_key=f"b2b_application_received:{company.pk}",
    )
    notify_staff(
        "staff_alert",
        context={
            "subject": f"New B2B application: {company.name}",
            "message": f"{company.name} ({company.vat_id}) applied for a business account.\n"
            f"Contact: {company.contact_name} <{company.contact_email}>",
            "url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_accounts_company:edit", args=[company.pk]),
        },
        dedupe_key=f"staff_b2b_application:{company.pk}",
    )


def notify_company_decision(company_id: int, status: str) -> None:
    """Email the applicant the decision (after commit); one email per company and decision."""
    from django.conf import settings

    from commerce.notifications.services import notify

    kind = {CompanyStatus.APPROVED: "b2b_application_approved", CompanyStatus.REJECTED: "b2b_application_rejected"}
    if status not in kind:
        return
    company = Company.objects.get(pk=company_id)
    notify(
        kind[status],
        to=_applicant_emails(company),
        context=_company_context(company),
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"{kind[status]}:{company.pk}",
    )
