"""The shop's shipping data as plain values: zones, rates and payment options, read once and cached.

Every reader (checkout offers, the shipping-and-payment table, the header note, the delivery time of
the product page) goes through `shipping_data()`, so they cannot disagree. Saving any of the rows
drops the cached copy and the cached storefront HTML (receivers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext, ngettext

from commerce.pricing.vat import EXPORT_COUNTRIES, HOME_COUNTRY, VAT_COUNTRIES, Country

from .models import CustomerType, PaymentOption, ShippingZone

CACHE_KEY = "nw:shipping-data:v1"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Rate:
    customer_type: str
    carrier_product: str
    name: str
    price: Decimal  # German gross list price
    min_days: int
    max_days: int
    provider_method_code: str = ""
    pickup_point_carrier: str = ""

    @property
    def home_delivery(self) -> bool:
        return not self.pickup_point_carrier

    @property
    def delivery_time(self) -> str:
        return delivery_time_label(self.min_days, self.max_days)


@dataclass(frozen=True)
class Zone:
    name: str
    countries: tuple[str, ...]
    consumer_free_from: Decimal | None
    business_free_from: Decimal | None
    rates: tuple[Rate, ...]

    def free_from(self, customer_type: str) -> Decimal | None:
        return self.business_free_from if customer_type == CustomerType.BUSINESS else self.consumer_free_from

    def rates_for(self, customer_type: str) -> tuple[Rate, ...]:
        return tuple(rate for rate in self.rates if rate.customer_type == customer_type)

    @property
    def export(self) -> bool:
        return any(country in EXPORT_COUNTRIES for country in self.countries)

    def country_names(self) -> list[str]:
        return [str(Country(code).label) for code in self.countries]


@dataclass(frozen=True)
class Payment:
    method_code: str
    for_consumers: bool
    for_businesses: bool

    def allows(self, customer_type: str) -> bool:
        return self.for_businesses if customer_type == CustomerType.BUSINESS else self.for_consumers


@dataclass(frozen=True)
class ShippingData:
    zones: tuple[Zone, ...]
    payments: tuple[Payment, ...]

    def zone_for(self, country: str) -> Zone | None:
        country = (country or "").upper()
        return next((zone for zone in self.zones if country in zone.countries), None)

    @property
    def delivery_countries(self) -> tuple[str, ...]:
        return tuple(country for zone in self.zones for country in zone.countries)

    def payment_codes(self, customer_type: str) -> tuple[str, ...]:
        return tuple(payment.method_code for payment in self.payments if payment.allows(customer_type))


def delivery_time_label(min_days: int, max_days: int) -> str:
    if min_days == max_days:
        return ngettext("%(days)s working day", "%(days)s working days", max_days) % {"days": max_days}
    return gettext("%(min)s–%(max)s working days") % {"min": min_days, "max": max_days}


def customer_type_for(is_b2b: bool) -> str:
    return CustomerType.BUSINESS if is_b2b else CustomerType.CONSUMER


def _load() -> ShippingData:
    zones = []
    for zone in ShippingZone.objects.prefetch_related("rates"):
        rates = sorted(zone.rates.all(), key=lambda rate: (rate.sort_order or 0, rate.pk))
        zones.append(
            Zone(
                name=zone.name,
                # Only countries whose VAT the shop can compute can be delivered to.
                countries=tuple(code for code in zone.countries if code in VAT_COUNTRIES),
                consumer_free_from=zone.consumer_free_from,
                business_free_from=zone.business_free_from,
                rates=tuple(
                    Rate(
                        customer_type=rate.customer_type,
                        carrier_product=rate.carrier_product,
                        name=rate.name,
                        price=rate.price,
                        min_days=rate.min_days,
                        max_days=rate.max_days,
                        provider_method_code=rate.provider_method_code.strip(),
                        pickup_point_carrier=rate.pickup_point_carrier.strip(),
                    )
                    for rate in rates
                ),
            )
        )
    payments = tuple(
        Payment(option.method_code.strip(), option.for_consumers, option.for_businesses)
        for option in PaymentOption.objects.all()
    )
    return ShippingData(tuple(zones), payments)


def shipping_data() -> ShippingData:
    data = cache.get(CACHE_KEY)
    if data is None:
        data = _load()
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


def shipping_data_changed() -> None:
    """Zones, rates or payment options were edited: drop the cached copy now and after commit (a
    request reading the old rows in between must not keep them), and the storefront HTML that shows
    them (header note, shipping table, delivery times)."""
    from content.page_cache import purge_site

    def drop():
        cache.delete(CACHE_KEY)
        purge_site()

    drop()
    transaction.on_commit(drop)


def zone_for(country: str) -> Zone | None:
    return shipping_data().zone_for(country)


def delivery_countries() -> tuple[str, ...]:
    """The countries the shop delivers to, in the order of the zones."""
    return shipping_data().delivery_countries


def free_shipping_from(country: str, customer_type: str) -> Decimal | None:
    """Goods value from which shipping is free: gross for consumers, net for businesses (None: never)."""
    zone = zone_for(country)
    return zone.free_from(customer_type) if zone is not None else None


def rates_for(country: str, customer_type: str) -> tuple[Rate, ...]:
    zone = zone_for(country)
    return zone.rates_for(customer_type) if zone is not None else ()


def home_delivery_days(country: str = HOME_COUNTRY) -> tuple[int, int] | None:
    """Working days of the home delivery a consumer gets preselected (the cheapest), or None."""
    homes = [rate for rate in rates_for(country, CustomerType.CONSUMER) if rate.home_delivery]
    if not homes:
        return None
    rate = min(homes, key=lambda rate: (rate.price, rate.name))
    return rate.min_days, rate.max_days


@dataclass(frozen=True)
class FreeShippingNote:
    country: str
    amount: Decimal

    @property
    def country_name(self) -> str:
        return str(Country(self.country).label)


def free_shipping_note(country: str = HOME_COUNTRY) -> FreeShippingNote | None:
    """What the header promises: free shipping for consumers to the home country from its threshold."""
    amount = free_shipping_from(country, CustomerType.CONSUMER)
    if amount is None or not rates_for(country, CustomerType.CONSUMER):
        return None
    return FreeShippingNote(country, amount)
