"""Admin form for companies: a status change goes through the review service, not a plain save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from commerce.single_line import SingleLineField

from .models import Company, CompanyStatus, normalise_vat_id, validate_vat_id
from .services import approve_company, reject_company

# Company fields typed by applicants and staff: one line each (commerce/single_line.py).
COMPANY_LINE_FIELDS = (
    "name",
    "trade_register_number",
    "street",
    "postal_code",
    "city",
    "contact_name",
    "contact_phone",
)


class CompanyAdminForm(WagtailAdminModelForm):
    class Meta:
        field_classes = dict.fromkeys(COMPANY_LINE_FIELDS, SingleLineField)

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


class CompanyApplicationForm(forms.ModelForm):
    """The public B2B application: the company validates the VAT ID (format and check digit)."""

    class Meta:
        model = Company
        fields = [
            "name",
            "vat_id",
            "trade_register_number",
            "street",
            "postal_code",
            "city",
            "country",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        field_classes = dict.fromkeys(COMPANY_LINE_FIELDS, SingleLineField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True

    def clean_vat_id(self):
        vat_id = normalise_vat_id(self.cleaned_data["vat_id"])
        validate_vat_id(vat_id)
        if Company.objects.filter(vat_id=vat_id).exists():
            raise ValidationError(_("A company with this VAT ID already has an account or a pending application."))
        return vat_id
