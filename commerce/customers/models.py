from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .postal_codes import validate_postal_code


class ShopCountry(models.TextChoices):
    """Countries the shop delivers to (ISO 3166-1 alpha-2)."""

    DE = "DE", _("Germany")
    AT = "AT", _("Austria")
    NL = "NL", _("Netherlands")
    BE = "BE", _("Belgium")
    FR = "FR", _("France")
    LU = "LU", _("Luxembourg")
    IT = "IT", _("Italy")
    ES = "ES", _("Spain")
    DK = "DK", _("Denmark")
    CH = "CH", _("Switzerland")


class AddressKind(models.TextChoices):
    BOTH = "both", _("Shipping and billing")
    SHIPPING = "shipping", _("Shipping only")
    BILLING = "billing", _("Billing only")


class AddressQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user)

    def for_shipping(self):
        return self.filter(kind__in=[AddressKind.BOTH, AddressKind.SHIPPING])

    def for_billing(self):
        return self.filter(kind__in=[AddressKind.BOTH, AddressKind.BILLING])


class Address(models.Model):
    """An entry in a shopper's address book.

    Street and house number share one line ("Lindenstraße 12"), as German forms do; at most one
    default shipping and one default billing address per shopper (see services and constraints).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("customer")
    )
    kind = models.CharField(_("use for"), max_length=10, choices=AddressKind.choices, default=AddressKind.BOTH)
    company = models.CharField(_("company"), max_length=100, blank=True)
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=60)
    street = models.CharField(_("street and house number"), max_length=100)
    address_extra = models.CharField(
        _("address line 2"), max_length=100, blank=True, help_text=_("Apartment, c/o, floor – optional.")
    )
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=60)
    country = models.CharField(_("country"), max_length=2, choices=ShopCountry.choices, default=ShopCountry.DE)
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("Optional, only for questions about a delivery.")
    )
    is_default_shipping = models.BooleanField(_("default shipping address"), default=False)
    is_default_billing = models.BooleanField(_("default billing address"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-is_default_shipping", "-is_default_billing", "-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_default_shipping=True), name="customers_one_default_shipping_address"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_default_billing=True), name="customers_one_default_billing_address"
            ),
            models.CheckConstraint(
                condition=~Q(is_default_shipping=True, kind=AddressKind.BILLING)
                & ~Q(is_default_billing=True, kind=AddressKind.SHIPPING),
                name="customers_default_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(country__in=ShopCountry.values), name="customers_address_country_is_shop_country"
            ),
        ]

    def __str__(self):
        return f"{self.full_name}, {self.street}, {self.postal_code} {self.city}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def usable_for_shipping(self) -> bool:
        return self.kind in (AddressKind.BOTH, AddressKind.SHIPPING)

    @property
    def usable_for_billing(self) -> bool:
        return self.kind in (AddressKind.BOTH, AddressKind.BILLING)

    def clean(self):
        super().clean()
        errors = {}
        if self.country and self.postal_code:
            try:
                self.postal_code = validate_postal_code(self.country, self.postal_code)
            except ValidationError as error:
                errors["postal_code"] = error
        if self.is_default_shipping and not self.usable_for_shipping:
            errors["is_default_shipping"] = _("A billing-only address cannot be the default shipping address.")
        if self.is_default_billing and not self.usable_for_billing:
            errors["is_default_billing"] = _("A shipping-only address cannot be the default billing address.")
        if errors:
            raise ValidationError(errors)
