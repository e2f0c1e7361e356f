"""The zone's admin form: countries as checkboxes, each country in one zone, each product once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from commerce.pricing.vat import EXPORT_COUNTRIES, VAT_COUNTRIES, Country

COUNTRY_CHOICES = [(code, label) for code, label in Country.choices if code in VAT_COUNTRIES]


class ShippingZoneForm(WagtailAdminModelForm):
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=COUNTRY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The shop delivers to every country of a zone."),
    )

    def clean_countries(self):
        countries = list(self.cleaned_data.get("countries") or [])
        from .models import ShippingZone

        others = ShippingZone.objects.exclude(pk=self.instance.pk) if self.instance.pk else ShippingZone.objects.all()
        taken = {code: zone.name for zone in others for code in zone.countries}
        clashes = [f"{Country(code).label} ({taken[code]})" for code in countries if code in taken]
        if clashes:
            raise forms.ValidationError(
                _("Already in another zone: %(countries)s.") % {"countries": ", ".join(clashes)}
            )
        exports = {code in EXPORT_COUNTRIES for code in countries}
        if len(exports) > 1:
            raise forms.ValidationError(
                _("Countries outside the EU need a zone of their own (their shipping is charged without VAT).")
            )
        return countries

    def clean(self):
        cleaned = super().clean()
        rates = self.formsets.get("rates")
        if rates is not None and rates.is_valid():
            seen = set()
            for form in rates.forms:
                if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                    continue
                key = (form.cleaned_data.get("customer_type"), form.cleaned_data.get("carrier_product"))
                if key in seen:
                    form.add_error("carrier_product", _("This product is already offered to this customer type."))
                seen.add(key)
        return cleaned
