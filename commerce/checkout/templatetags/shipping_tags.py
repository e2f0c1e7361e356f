"""Shipping facts for templates, read from the shipping zones (commerce.shipping) like the checkout:
the shipping-and-payment table block, the header's free-shipping note, a variant's delivery time."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from catalog.availability import DeliveryTime
from catalog.availability import delivery_time as variant_delivery_time
from commerce.shipping.models import CustomerType
from commerce.shipping.services import free_shipping_note as home_free_shipping_note
from commerce.shipping.services import home_delivery_days, shipping_data

from ..methods import list_charge, payment_methods

register = template.Library()


@register.simple_tag
def delivery_time(variant) -> DeliveryTime:
    """`{% delivery_time variant as delivery %}`: the variant's delivery time with the home delivery's days."""
    return variant_delivery_time(variant, home_delivery_days())


@register.simple_tag
def free_shipping_note() -> str:
    """`{% free_shipping_note as note %}`: "Free shipping to Germany from 49 €", or "" without a threshold."""
    note = home_free_shipping_note()
    if note is None:
        return ""
    return _("Free shipping to %(country)s from %(amount)s €") % {
        "country": note.country_name,
        "amount": floatformat(note.amount, -2),
    }


@dataclass(frozen=True)
class RateRow:
    name: str
    price: Decimal  # what the buyer pays: gross for consumers (net for exports), net for businesses
    delivery_time: str
    pickup_point: bool


@dataclass(frozen=True)
class CustomerRows:
    customer_type: str
    label: str
    rates: list[RateRow]
    free_from: Decimal | None

    @property
    def business(self) -> bool:
        return self.customer_type == CustomerType.BUSINESS


@dataclass(frozen=True)
class ZoneRows:
    name: str
    countries: list[str]
    customers: list[CustomerRows]
    export: bool


@dataclass
class PaymentRows:
    customer_type: str
    label: str
    methods: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ShippingTable:
    zones: list[ZoneRows]
    payments: list[PaymentRows]


@register.simple_tag
def shipping_table(customers: str = "all") -> ShippingTable:
    """`{% shipping_table "all" as table %}`: countries, costs, thresholds, delivery times and payment
    methods per customer type ("consumer", "business" or "all"), as the checkout offers them."""
    types = [t for t in (CustomerType.CONSUMER, CustomerType.BUSINESS) if customers in ("all", "", None, t)]
    data = shipping_data()
    zones = []
    for zone in data.zones:
        if not zone.countries:
            continue
        rows = []
        for customer_type in types:
            rates = [
                RateRow(
                    name=rate.name,
                    price=list_charge(
                        rate.price, is_b2b=customer_type == CustomerType.BUSINESS, country=zone.countries[0]
                    )[0],
                    delivery_time=rate.delivery_time,
                    pickup_point=not rate.home_delivery,
                )
                for rate in zone.rates_for(customer_type)
            ]
            if rates:
                rows.append(
                    CustomerRows(
                        customer_type, str(CustomerType(customer_type).label), rates, zone.free_from(customer_type)
                    )
                )
        if rows:
            zones.append(ZoneRows(zone.name, zone.country_names(), rows, zone.export))
    names = {method.code: str(method.name) for method in payment_methods()}
    payments = [
        PaymentRows(t, str(CustomerType(t).label), [names[c] for c in data.payment_codes(t) if c in names])
        for t in types
    ]
    return ShippingTable(zones, [p for p in payments if p.methods])
