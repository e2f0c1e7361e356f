"""Promo codes and their usage: the only place a discount is defined."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class PromoKind(models.TextChoices):
    PERCENT = "percent", _("Percentage off")
    FIXED = "fixed", _("Fixed amount off")
    FREE_SHIPPING = "free_shipping", _("Free shipping")


class Audience(models.TextChoices):
    B2C = "b2c", _("Retail customers only")
    B2B = "b2b", _("Business customers only")
    BOTH = "both", _("Everybody")


class PromoCode(models.Model):
    code = models.CharField(_("code"), max_length=40, help_text=_("Case does not matter; stored upper-case."))
    description = models.CharField(_("internal description"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PromoKind.choices, default=PromoKind.PERCENT)
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("Percent for percentage codes; EUR for fixed codes (gross for retail, net for businesses)."),
    )
    categories = models.ManyToManyField(
        "catalog.CategoryPage", verbose_name=_("categories"), blank=True, related_name="+"
    )
    brands = models.ManyToManyField("catalog.Brand", verbose_name=_("brands"), blank=True, related_name="+")
    products = models.ManyToManyField("catalog.ProductPage", verbose_name=_("products"), blank=True, related_name="+")
    minimum_order_value = models.DecimalField(
        _("minimum order value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    usage_limit = models.PositiveIntegerField(_("total usage limit"), null=True, blank=True)
    per_customer_limit = models.PositiveIntegerField(_("uses per customer"), null=True, blank=True, default=1)
    audience = models.CharField(_("audience"), max_length=4, choices=Audience.choices, default=Audience.B2C)
    combinable = models.BooleanField(_("combinable with other codes"), default=False)
    applies_to_b2b_net = models.BooleanField(
        _("also on B2B price-list prices"),
        default=False,
        help_text=_("Off: business customers get the discount only on items without a price-list price."),
    )
    active = models.BooleanField(_("active"), default=True)
    times_used = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("promo code")
        verbose_name_plural = _("promo codes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Upper("code"), name="promotions_code_unique_ci"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="promotions_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)

    @property
    def has_scope(self) -> bool:
        return bool(self.scope_ids["categories"] or self.scope_ids["brands"] or self.scope_ids["products"])

    @property
    def scope_ids(self) -> dict:
        """Scope as ids/paths; read from prefetched relations when present (no N+1)."""
        cached = getattr(self, "_scope_ids", None)
        if cached is None:
            cached = {
                "categories": [c.path for c in self.categories.all()],
                "brands": {b.pk for b in self.brands.all()},
                "products": {p.pk for p in self.products.all()},
            }
            self._scope_ids = cached
        return cached


class PromoCodeUsage(models.Model):
    code = models.ForeignKey(PromoCode, on_delete=models.PROTECT, related_name="usages")
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="promo_usages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.EmailField(_("email"))
    discount_gross = models.DecimalField(_("discount (gross)"), max_digits=10, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("promo code usage")
        constraints = [models.UniqueConstraint(fields=["code", "order"], name="promotions_one_usage_per_order")]
        indexes = [models.Index(fields=["code", "email"])]

    def __str__(self) -> str:
        return f"{self.code_id} → {self.order_id}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


def normalise_code(raw: str) -> str:
    return "".join((raw or "").split()).upper()
