"""The seller: one identity for the Impressum, the footer, invoices, credit notes and e-mails.

Staff edit it in the Wagtail admin (Settings → Seller identity). The environment (SHOP_*, BANK_*)
only fills the row the first time it is read, so a fresh installation starts with sensible values;
after that the admin is the only source. Documents that must stay as issued (invoices, credit
notes) store `identity_snapshot()`; everything else reads the current identity.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

SELLER_CACHE_SECONDS = 3600


class SellerCountry(models.TextChoices):
    """Where the seller is established (ISO 3166-1 alpha-2); the label prints in the document's language."""

    DE = "DE", _("Germany")
    AT = "AT", _("Austria")
    CH = "CH", _("Switzerland")
    NL = "NL", _("Netherlands")
    BE = "BE", _("Belgium")
    LU = "LU", _("Luxembourg")
    FR = "FR", _("France")
    DK = "DK", _("Denmark")
    IT = "IT", _("Italy")
    ES = "ES", _("Spain")


class DisputeResolution(models.TextChoices):
    """The statement §36 VSBG asks for: willing (and which board) or not willing to take part."""

    NOT_WILLING = "not_willing", _("Not willing and not obliged to take part")
    WILLING = "willing", _("Takes part before the consumer arbitration board named below")


def seller_cache_key(site_id) -> str:
    return f"nw:seller-identity:{site_id}"


def environment_defaults() -> dict:
    """First values of a new identity row, from the environment (see naturwest/settings/base.py)."""
    bank = getattr(settings, "PREPAYMENT_BANK_ACCOUNT", {})
    address = [line for line in getattr(settings, "SHOP_ADDRESS", []) if line]
    street = address[0] if address else ""
    postal_code, _space, city = (address[1] if len(address) > 1 else "").partition(" ")
    return {
        "legal_name": getattr(settings, "SHOP_LEGAL_NAME", ""),
        "legal_form": getattr(settings, "SHOP_LEGAL_FORM", ""),
        "street": street,
        "postal_code": postal_code,
        "city": city,
        "country": getattr(settings, "SHOP_COUNTRY", SellerCountry.DE),
        "managing_directors": getattr(settings, "SHOP_MANAGING_DIRECTORS", ""),
        "register_court": getattr(settings, "SHOP_REGISTER_COURT", ""),
        "register_number": getattr(settings, "SHOP_REGISTER_NUMBER", "")
        or getattr(settings, "SHOP_TRADE_REGISTER", ""),
        "vat_id": getattr(settings, "SHOP_VAT_ID", ""),
        "tax_number": getattr(settings, "SHOP_TAX_NUMBER", ""),
        "email": getattr(settings, "SHOP_EMAIL", ""),
        "phone": getattr(settings, "SHOP_PHONE", ""),
        "bank_holder": bank.get("holder", ""),
        "bank_iban": bank.get("iban", ""),
        "bank_bic": bank.get("bic", ""),
        "bank_name": bank.get("bank", ""),
    }


@register_setting(icon="user")
class SellerIdentity(BaseSiteSetting):
    """Who sells: §5 DDG (Impressum), §14 UStG (invoices), §35a GmbHG (business letters), §36 VSBG."""

    legal_name = models.CharField(_("legal name"), max_length=160, help_text=_("As registered, e.g. Naturwest GmbH."))
    legal_form = models.CharField(
        _("legal form"), max_length=80, blank=True, help_text=_("E.g. GmbH, UG (haftungsbeschränkt), e.K.")
    )
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True, help_text=_("Also the registered seat."))
    country = models.CharField(_("country"), max_length=2, choices=SellerCountry.choices, default=SellerCountry.DE)
    managing_directors = models.CharField(
        _("managing directors"),
        max_length=255,
        blank=True,
        help_text=_("Full names, separated by commas (§35a GmbHG: on every invoice and business letter)."),
    )
    register_court = models.CharField(
        _("register court"), max_length=120, blank=True, help_text=_("E.g. Amtsgericht Berlin-Charlottenburg.")
    )
    register_number = models.CharField(
        _("register number"), max_length=40, blank=True, help_text=_("E.g. HRB 123456 B.")
    )
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True, help_text=_("USt-IdNr., e.g. DE123456789."))
    tax_number = models.CharField(_("tax number"), max_length=30, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    bank_holder = models.CharField(_("account holder"), max_length=160, blank=True)
    bank_iban = models.CharField(_("IBAN"), max_length=42, blank=True)
    bank_bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    dispute_resolution = models.CharField(
        _("consumer dispute resolution (§36 VSBG)"),
        max_length=20,
        choices=DisputeResolution.choices,
        default=DisputeResolution.NOT_WILLING,
    )
    arbitration_board = models.TextField(
        _("consumer arbitration board"),
        blank=True,
        help_text=_("Name, address and website of the board, when the shop takes part."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("legal_name"), FieldPanel("legal_form"), FieldPanel("managing_directors")],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postal_code"), FieldPanel("city"), FieldPanel("country")],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("register_court"),
                FieldPanel("register_number"),
                FieldPanel("vat_id"),
                FieldPanel("tax_number"),
            ],
            heading=_("Register and tax"),
        ),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("bank_holder"), FieldPanel("bank_iban"), FieldPanel("bank_bic"), FieldPanel("bank_name")],
            heading=_("Bank account"),
        ),
        MultiFieldPanel(
            [FieldPanel("dispute_resolution"), FieldPanel("arbitration_board")], heading=_("Dispute resolution")
        ),
    ]

    class Meta:
        verbose_name = _("seller identity")
        verbose_name_plural = _("seller identity")

    def __str__(self) -> str:
        return self.legal_name

    @classmethod
    def for_site(cls, site):
        """Read through the shared cache (footer of every page); a new row starts from the environment."""
        if site is None:
            return cls(**environment_defaults())
        key = seller_cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance, _created = cls.objects.get_or_create(site=site, defaults=environment_defaults())
            cache.set(key, instance, SELLER_CACHE_SECONDS)
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(seller_cache_key(self.site_id))
        transaction.on_commit(lambda: cache.delete(seller_cache_key(self.site_id)))

    @property
    def display_name(self) -> str:
        """The name with its legal form, once ("Naturwest GmbH", not "Naturwest GmbH GmbH")."""
        if self.legal_name and self.legal_form and not self.legal_name.endswith(self.legal_form):
            return f"{self.legal_name} {self.legal_form}".strip()
        return self.legal_name

    @property
    def country_name(self) -> str:
        """In the active language: call inside translation.override for a document's language."""
        return _gettext(SellerCountry(self.country).label) if self.country in SellerCountry.values else self.country

    @property
    def address_lines(self) -> list[str]:
        lines = [line for line in (self.street, f"{self.postal_code} {self.city}".strip()) if line]
        return [*lines, self.country_name] if lines else []

    @property
    def directors(self) -> list[str]:
        return [name.strip() for name in self.managing_directors.split(",") if name.strip()]

    @property
    def register_entry(self) -> str:
        return ", ".join(part for part in (self.register_court, self.register_number) if part)

    @property
    def dispute_statement(self) -> str:
        if self.dispute_resolution == DisputeResolution.WILLING and self.arbitration_board:
            return _gettext(
                "We take part in dispute resolution proceedings before the following consumer arbitration board: "
                "%(board)s"
            ) % {"board": self.arbitration_board}
        return _gettext(
            "We are neither willing nor obliged to take part in dispute resolution proceedings before a "
            "consumer arbitration board."
        )

    @property
    def bank(self) -> dict:
        return {"holder": self.bank_holder, "iban": self.bank_iban, "bic": self.bank_bic, "bank": self.bank_name}


def default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def seller_identity(site=None) -> SellerIdentity:
    """The identity of `site` (default: the default site, e.g. for documents rendered by a task)."""
    return SellerIdentity.for_site(site if site is not None else default_site())


def seller_contact(site=None) -> dict:
    """Legal name, postal address lines and contact e-mail and phone, as the footer shows them."""
    identity = seller_identity(site)
    return {
        "name": identity.display_name,
        "address": identity.address_lines,
        "email": identity.email,
        "phone": identity.phone,
    }


def bank_account(site=None) -> dict:
    """The account customers transfer to (prepayment, invoices)."""
    return seller_identity(site).bank


def identity_snapshot(site=None) -> dict:
    """The identity as stored with an issued document: plain values, country as its code.

    `name` and `address` (lines, German country name) keep the shape older snapshots have.
    """
    identity = seller_identity(site)
    with translation.override("de"):
        address = identity.address_lines
    return {
        "name": identity.display_name,
        "address": address,
        "street": identity.street,
        "postal_code": identity.postal_code,
        "city": identity.city,
        "country": identity.country,
        "managing_directors": identity.directors,
        "register_court": identity.register_court,
        "register_number": identity.register_number,
        "trade_register": identity.register_entry,
        "vat_id": identity.vat_id,
        "tax_number": identity.tax_number,
        "email": identity.email,
        "phone": identity.phone,
        "bank": identity.bank,
    }


def country_label(code: str) -> str:
    """The country's name in the active language (the code itself when unknown)."""
    return _gettext(SellerCountry(code).label) if code in SellerCountry.values else code
