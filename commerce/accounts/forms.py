"""Admin form for companies: a status change goes through the review service, not a plain save."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from .models import CompanyStatus
from .services import approve_company, reject_company


class CompanyAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        decision = self.cleaned_data.get("status")
        previous = self.initial.get("status", CompanyStatus.PENDING) if self.instance.pk else CompanyStatus.PENDING
        note = self.cleaned_data.get("decision_note", "")
        if decision != previous:
            # Save everything else first; the service then records status, who and when.
            self.instance.status = previous
        company = super().save(commit=commit)
        if commit and decision != previous:
            decide = approve_company if decision == CompanyStatus.APPROVED else reject_company
            if decision == CompanyStatus.PENDING:
                return company  # back to pending is not a decision; kept as it was
            decide(company, by=self.for_user, note=note)
        return company
