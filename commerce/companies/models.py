"""B2B companies and the buyer accounts that belong to them.

Users stay `settings.AUTH_USER_MODEL`; the account system (allauth, addresses, order
history) plugs in beside these models without changing them. A user buys for at most
one company (`CompanyMembership.user` is unique); only approved companies get B2B prices.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as InvalidNumber
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from commerce.pricing.vat import Country


def validate_vat_id(value: str) -> None:
    """An EU VAT ID with a valid format and check digits (python-stdnum); not a VIES lookup."""
    try:
        eu_vat.validate(value)
    except InvalidNumber as error:
        raise ValidationError(
            _("%(value)s is not a valid EU VAT ID (format or check digit)."), params={"value": value}
        ) from error


def normalise_vat_id(value: str) -> str:
    """Upper case without spaces, dots or dashes, so lookups and uniqueness work."""
    try:
        return eu_vat.compact(value).upper()
    except InvalidNumber:
        return "".join(ch for ch in value if ch.isalnum()).upper()


class CompanyStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PaymentTerms(models.TextChoices):
    PREPAYMENT = "prepayment", _("Prepayment")
    INVOICE_NET_14 = "invoice_net_14", _("Invoice, 14 days net")
    INVOICE_NET_30 = "invoice_net_30", _("Invoice, 30 days net")
    INVOICE_NET_60 = "invoice_net_60", _("Invoice, 60 days net")


class CompanyQuerySet(models.QuerySet):
    def approved(self):
        """Only approved companies get B2B prices, payment terms and each other's orders."""
        return self.filter(status=CompanyStatus.APPROVED)

    def bought_for_by(self, user):
        """The approved company `user` buys for (at most one)."""
        return self.approved().filter(members__user_id=user.pk)


class Company(models.Model):
    name = models.CharField(_("company name"), max_length=200)
    vat_id = models.CharField(
        _("VAT ID"), max_length=20, unique=True, validators=[validate_vat_id], help_text=_("e.g. DE123456789")
    )
    trade_register_number = models.CharField(_("trade register number"), max_length=60, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.DE)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=12)
    city = models.CharField(_("city"), max_length=100)

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    # Default delivery address; empty fields mean "deliver to the billing address".
    shipping_name = models.CharField(_("shipping recipient"), max_length=200, blank=True)
    shipping_street = models.CharField(_("shipping street and number"), max_length=200, blank=True)
    shipping_postal_code = models.CharField(_("shipping postal code"), max_length=12, blank=True)
    shipping_city = models.CharField(_("shipping city"), max_length=100, blank=True)
    shipping_country = models.CharField(_("shipping country"), max_length=2, choices=Country.choices, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("decision note"), blank=True, help_text=_("Reason for a rejection, internal."))

    price_list = models.ForeignKey(
        "pricing.PriceList",
        verbose_name=_("price list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="companies",
        help_text=_("Empty: retail prices shown net."),
    )
    payment_terms = models.CharField(
        _("payment terms"), max_length=20, choices=PaymentTerms.choices, default=PaymentTerms.PREPAYMENT
    )
    credit_limit = models.DecimalField(
        _("credit limit (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )

    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("vat_id"), FieldPanel("trade_register_number")]),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("Company and billing address"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")])],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shipping_name"),
                FieldPanel("shipping_street"),
                FieldRowPanel(
                    [FieldPanel("shipping_postal_code"), FieldPanel("shipping_city"), FieldPanel("shipping_country")]
                ),
            ],
            heading=_("Default shipping address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("decision_note"),
                FieldPanel("price_list"),
                FieldRowPanel([FieldPanel("payment_terms"), FieldPanel("credit_limit")]),
            ],
            heading=_("Review and terms"),
        ),
    ]

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(condition=models.Q(credit_limit__gte=0), name="company_credit_limit_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.vat_id})"

    def save(self, *args, **kwargs):
        if self.vat_id:
            self.vat_id = normalise_vat_id(self.vat_id)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.vat_id:
            self.vat_id = normalise_vat_id(self.vat_id)

    @property
    def is_approved(self) -> bool:
        return self.status == CompanyStatus.APPROVED

    @property
    def delivery_country(self) -> str:
        return self.shipping_country or self.country


class CompanyMembership(models.Model):
    """A buyer account of a company. One company per user; a company has several buyers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="company_membership"
    )
    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="members")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company buyer")
        verbose_name_plural = _("company buyers")

    def __str__(self) -> str:
        return f"{self.user} → {self.company.name}"
