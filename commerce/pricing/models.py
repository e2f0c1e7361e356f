"""Price lists for B2B companies, their tier prices and discounts, and B2B quantity rules.

These tables hold staff input only; `commerce.pricing.engine` is the one place that turns
them into prices. A company sees a list's prices only through its own `price_list`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel


class PriceList(ClusterableModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    valid_from = models.DateField(_("valid from"), default=datetime.date.today)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: open-ended."))
    currency = models.CharField(_("currency"), max_length=3, choices=[("EUR", "EUR")], default="EUR", editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until"), FieldPanel("active")]),
        InlinePanel(
            "discounts",
            label=_("Discounts on retail prices"),
            help_text=_("Percentage off the retail net price for a whole category or brand."),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="price_list_valid_until_after_valid_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date must not be before the start date.")})

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.active and self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class PriceListEntry(ClusterableModel):
    """A variant's price on one list; its tiers give the net unit price by quantity."""

    price_list = models.ForeignKey(
        PriceList, verbose_name=_("price list"), on_delete=models.CASCADE, related_name="entries"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant", verbose_name=_("variant"), on_delete=models.CASCADE, related_name="price_list_entries"
    )

    panels = [
        FieldPanel("price_list"),
        FieldPanel("variant"),
        InlinePanel("tiers", label=_("Tier prices (net)"), min_num=1),
    ]

    class Meta:
        ordering = ["price_list", "variant__sku"]
        verbose_name = _("price list entry")
        verbose_name_plural = _("price list entries")
        constraints = [models.UniqueConstraint(fields=["price_list", "variant"], name="price_list_entry_unique")]

    def __str__(self) -> str:
        return f"{self.price_list} – {self.variant}"


class TierPrice(models.Model):
    entry = ParentalKey(PriceListEntry, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField(
        _("from quantity"), default=1, validators=[MinValueValidator(1)], help_text=_("Applies from this quantity on.")
    )
    unit_net = models.DecimalField(
        _("net unit price (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )

    panels = [FieldRowPanel([FieldPanel("min_quantity"), FieldPanel("unit_net")])]

    class Meta:
        ordering = ["entry", "min_quantity"]
        verbose_name = _("tier price")
        verbose_name_plural = _("tier prices")
        constraints = [
            models.UniqueConstraint(fields=["entry", "min_quantity"], name="tier_price_unique_quantity"),
            models.CheckConstraint(condition=models.Q(min_quantity__gte=1), name="tier_price_min_quantity_positive"),
            models.CheckConstraint(condition=models.Q(unit_net__gte=0), name="tier_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.min_quantity}+: {self.unit_net}"


class PriceListDiscount(models.Model):
    """Percentage off the retail net price for every product in a category (and below) or of a brand."""

    price_list = ParentalKey(PriceList, on_delete=models.CASCADE, related_name="discounts")
    category = models.ForeignKey(
        "catalog.CategoryPage",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Includes all subcategories. Choose the German category."),
    )
    brand = models.ForeignKey(
        "catalog.Brand", verbose_name=_("brand"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    percentage = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("brand"), FieldPanel("percentage")])]

    class Meta:
        verbose_name = _("price list discount")
        verbose_name_plural = _("price list discounts")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(category__isnull=False) & models.Q(brand__isnull=True))
                | (models.Q(category__isnull=True) & models.Q(brand__isnull=False)),
                name="price_list_discount_category_xor_brand",
            ),
            models.CheckConstraint(
                condition=models.Q(percentage__gt=0) & models.Q(percentage__lte=100),
                name="price_list_discount_percentage_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.percentage} % – {self.category or self.brand}"

    def clean(self) -> None:
        if (self.category_id is None) == (self.brand_id is None):
            raise ValidationError(_("Choose either a category or a brand, not both."))


class VariantQuantityRule(models.Model):
    """B2B ordering rules for one variant: minimum order quantity and pack size (retail is unrestricted)."""

    variant = models.OneToOneField(
        "catalog.ProductVariant", verbose_name=_("variant"), on_delete=models.CASCADE, related_name="quantity_rule"
    )
    b2b_min_quantity = models.PositiveIntegerField(
        _("B2B minimum order quantity"), default=1, validators=[MinValueValidator(1)]
    )
    b2b_pack_multiple = models.PositiveIntegerField(
        _("B2B pack size"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("B2B buyers order in multiples of this (e.g. 6 for a carton)."),
    )

    panels = [
        FieldPanel("variant"),
        MultiFieldPanel([FieldPanel("b2b_min_quantity"), FieldPanel("b2b_pack_multiple")], heading=_("B2B")),
    ]

    class Meta:
        verbose_name = _("quantity rule")
        verbose_name_plural = _("quantity rules")
        constraints = [
            models.CheckConstraint(condition=models.Q(b2b_min_quantity__gte=1), name="quantity_rule_min_positive"),
            models.CheckConstraint(condition=models.Q(b2b_pack_multiple__gte=1), name="quantity_rule_pack_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.variant}: min {self.b2b_min_quantity}, × {self.b2b_pack_multiple}"


def company_queryset():
    """All companies, for the price rules that depend on who holds a list.

    Companies point at their price list (commerce.companies builds on pricing), so pricing
    reaches the model through that relation instead of importing it.
    """
    return PriceList._meta.get_field("companies").related_model.objects.all()
