"""Company review and buyer lookup, as plain functions the admin, views and API call."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Company, CompanyStatus


class CompanyDecisionError(Exception):
    """The company is already in the requested state (or vanished); nothing was changed."""


def company_for_user(user) -> Company | None:
    """The approved company `user` buys for, or None (anonymous, B2C, pending or rejected)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Company.objects.select_related("price_list")
        .filter(members__user_id=user.pk, status=CompanyStatus.APPROVED)
        .first()
    )


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


def notify_company_decision(company_id: int, status: str) -> None:
    """Hook for the "application approved/rejected" email (issue 4, emails).

    Runs after commit. The email task (Celery, HTML + text, localised) replaces this body;
    keep the signature so the admin and the review service need no change.
    """
