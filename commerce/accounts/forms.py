"""Admin form for companies: a status change goes through the review service, not a plain save."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CompanyStatus
from .services import approve_company, reject_company


class CompanyAdminForm(WagtailAdminModelForm):
    def clean_status(self):
        status = self.cleaned_data["status"]
        previous = self.initial.get("status", CompanyStatus.PENDING)
        if self.instance.pk and status == CompanyStatus.PENDING and previous != CompanyStatus.PENDING:
            raise ValidationError(_("A decided application cannot go back to pending."))
        return status

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
            decide(company, by=self.for_user, note=note)
        return company
