"""Checkout forms: they only parse and validate input; prices never come from a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commerce.customers.postal_codes import validate_postal_code
from commerce.customers.services import addresses_of
from commerce.pricing.vat import Country
from commerce.shipping.services import delivery_countries
from commerce.single_line import SingleLineField


def country_choices() -> list[tuple[str, str]]:
    """The countries of the shipping zones, read per form: staff may add or remove one at any time."""
    return [(code, Country(code).label) for code in delivery_countries()]


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class AddressForm(forms.Form):
    """One postal address (shipping or billing), optionally picked from the address book."""

    saved = forms.ChoiceField(label=_("From your address book"), required=False)
    first_name = SingleLineField(label=_("First name"), max_length=60, required=False)
    last_name = SingleLineField(label=_("Last name"), max_length=60, required=False)
    company = SingleLineField(label=_("Company"), max_length=100, required=False)
    street = SingleLineField(label=_("Street and house number"), max_length=100, required=False)
    street2 = SingleLineField(label=_("Address line 2"), max_length=100, required=False)
    postal_code = SingleLineField(label=_("Postal code"), max_length=10, required=False)
    city = SingleLineField(label=_("City"), max_length=60, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, initial="DE", required=False)
    phone = SingleLineField(label=_("Phone (optional)"), max_length=30, required=False)

    REQUIRED = ("first_name", "last_name", "street", "postal_code", "city", "country")

    def __init__(self, *args, user=None, kind: str = "shipping", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        book = addresses_of(user) if user is not None and user.is_authenticated else None
        if book is None:
            del self.fields["saved"]
        else:
            book = book.for_shipping() if kind == "shipping" else book.for_billing()
            self.fields["saved"].choices = [("", _("Enter a new address"))] + [
                (str(a.pk), f"{a.full_name}, {a.street}, {a.postal_code} {a.city}") for a in book
            ]

    def clean_saved(self):
        """Only ids the form offered are valid: another customer's address id is refused."""
        return self.cleaned_data.get("saved") or ""

    def clean(self):
        data = super().clean()
        if data.get("saved"):
            address = addresses_of(self.user).filter(pk=data["saved"]).first()
            if address is None or address.country not in delivery_countries():
                raise ValidationError(_("Please choose one of your addresses."))
            data.update(
                first_name=address.first_name,
                last_name=address.last_name,
                company=address.company,
                street=address.street,
                street2=address.address_extra,
                postal_code=address.postal_code,
                city=address.city,
                country=address.country,
                phone=address.phone,
            )
            return data
        for name in self.REQUIRED:
            if not (data.get(name) or "").strip():
                self.add_error(name, _("This field is required."))
        if data.get("postal_code") and data.get("country"):
            try:
                data["postal_code"] = validate_postal_code(data["country"], data["postal_code"])
            except ValidationError as error:
                self.add_error("postal_code", error)
        return data

    def address(self) -> dict:
        keys = ("first_name", "last_name", "company", "street", "street2", "postal_code", "city", "country", "phone")
        return {key: (self.cleaned_data.get(key) or "").strip() for key in keys}


class BillingChoiceForm(forms.Form):
    billing_same = forms.BooleanField(label=_("Billing address = shipping address"), required=False, initial=True)


class DeliveryForm(forms.Form):
    """Shipping and payment method; for a pickup-point offer also the point, searched by postal code.

    `points` are the pickup points found for `pickup_postal_code` (the view asks the provider):
    only one of them can be chosen, and one must be for an offer with `service_point_required`.
    """

    shipping_method = forms.ChoiceField(label=_("Shipping method"), widget=forms.RadioSelect)
    pickup_postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    service_point = forms.ChoiceField(label=_("Pickup point"), widget=forms.RadioSelect, required=False)
    payment_method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, offers=(), payments=(), points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = {offer.method_code: offer for offer in offers}
        self.points = {str(point.id): point for point in points}
        self.fields["shipping_method"].choices = [
            (offer.method_code, f"{offer.name} – {offer.gross} € ({offer.delivery_time})") for offer in offers
        ]
        self.fields["service_point"].choices = [(key, pickup_point_label(p)) for key, p in self.points.items()]
        self.fields["payment_method"].choices = [(method.code, method.name) for method in payments]

    def clean(self):
        cleaned = super().clean()
        offer = self.offers.get(cleaned.get("shipping_method"))
        if offer is not None and offer.service_point_required:
            if not cleaned.get("service_point"):
                self.add_error("service_point", _("Please choose a pickup point."))
        else:
            cleaned["service_point"] = ""
        return cleaned

    def chosen_point(self) -> dict | None:
        """The chosen pickup point as stored in the checkout state (id + what the shopper saw)."""
        point = self.points.get(self.cleaned_data.get("service_point") or "")
        if point is None:
            return None
        return {"id": str(point.id), "label": pickup_point_label(point), "postal_code": point.postal_code}


def pickup_point_label(point) -> str:
    return f"{point.name}, {point.street} {point.house_number}, {point.postal_code} {point.city}".replace(" ,", ",")


class PlaceOrderForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    accept_terms = forms.BooleanField(
        label=_("I have read the terms and conditions and the cancellation policy."),
        error_messages={"required": _("Please accept the terms and conditions to place your order.")},
    )
