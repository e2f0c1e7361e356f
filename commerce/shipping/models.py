"""Shipping zones, their rates per customer type, and the payment methods each customer type may use.

Edited by operations staff in the admin; the checkout's offers, the shipping-and-payment table and the
header's free-shipping note are all read from these rows (commerce.shipping.services).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class CustomerType(models.TextChoices):
    CONSUMER = "consumer", _("Consumers")
    BUSINESS = "business", _("Businesses")


class ShippingZone(ClusterableModel):
    """Countries that share rates. A country belongs to at most one zone; the countries of all zones are
    the countries the shop delivers to."""

    name = models.CharField(_("name"), max_length=80)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    consumer_free_from = models.DecimalField(
        _("free shipping for consumers from"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Gross value of the goods after discounts, in €. Empty: consumers always pay shipping."),
    )
    business_free_from = models.DecimalField(
        _("free shipping for businesses from"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Net value of the goods after discounts, in €. Empty: businesses always pay shipping."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ShippingRate(Orderable):
    """One carrier product offered in a zone to one customer type."""

    zone = ParentalKey(ShippingZone, on_delete=models.CASCADE, related_name="rates")
    customer_type = models.CharField(_("customer type"), max_length=10, choices=CustomerType.choices)
    carrier_product = models.SlugField(
        _("carrier product"),
        max_length=40,
        help_text=_('The carrier\'s product, e.g. "dhl-paket": offered once per checkout.'),
    )
    name = models.CharField(_("name shown to the buyer"), max_length=80)
    price = models.DecimalField(
        _("price"),
        max_digits=8,
        decimal_places=2,
        help_text=_(
            "In €, including 19 % German VAT. Businesses and buyers outside the EU pay its net part plus the "
            "VAT of the delivery."
        ),
    )
    min_days = models.PositiveSmallIntegerField(_("delivery time from (working days)"))
    max_days = models.PositiveSmallIntegerField(_("delivery time to (working days)"))
    provider_method_code = models.CharField(
        _("provider shipping method"),
        max_length=40,
        blank=True,
        help_text=_("The shipping provider's method for this product. Empty: offered without asking the provider."),
    )
    pickup_point_carrier = models.CharField(
        _("pickup-point carrier"),
        max_length=40,
        blank=True,
        help_text=_(
            'For delivery to a pickup point: the carrier whose points the buyer picks from, e.g. "dhl". '
            "Empty: home delivery."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "customer_type", "carrier_product"], name="shipping_rate_product_once_per_zone"
            ),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="shipping_rate_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_customer_type_display()})"

    def clean(self):
        if self.min_days is not None and self.max_days is not None and self.min_days > self.max_days:
            raise ValidationError({"max_days": _("The delivery time cannot end before it starts.")})


class PaymentOption(models.Model):
    """A payment method the checkout offers, and to whom (the method itself may still decline, e.g. the
    invoice for a company over its credit limit)."""

    method_code = models.CharField(
        _("payment method"),
        max_length=40,
        unique=True,
        help_text=_('The method\'s code: "prepayment", "invoice" or "vendo".'),
    )
    for_consumers = models.BooleanField(_("for consumers"), default=True)
    for_businesses = models.BooleanField(_("for businesses"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("payment option")
        verbose_name_plural = _("payment options")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.method_code
