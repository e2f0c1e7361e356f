"""Sendcloud as a checkout shipping method (`commerce.checkout.methods.ShippingMethod`).

Sendcloud says which of its shipping methods reach the destination with this weight; the shop's
shipping zone decides names, carrier products, prices, thresholds and delivery times (a rate's
`provider_method_code` is the Sendcloud method id; Sendcloud's price is our cost, not the buyer's),
and `rate_offer` prices them. Answers are cached for at most an hour (Sendcloud method ids may
change). If Sendcloud cannot be reached `offers` raises, and the checkout offers the zone's home
deliveries without it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

from commerce.checkout.methods import ShippingOffer, rate_offer
from integrations.shipping.base import RateRequest, ServicePoint, ServicePointRequest

logger = logging.getLogger("integrations.shipping")
CACHE_PREFIX = "sendcloud:rates:v2"
SERVICE_POINTS_CACHE_PREFIX = "sendcloud:service-points:v1"
SERVICE_POINTS_CACHE_SECONDS = 15 * 60


def available_method_ids(request: RateRequest, *, client=None) -> list[dict]:
    """Sendcloud's methods for this destination and weight, cached ≤ SENDCLOUD_RATES_CACHE_SECONDS.

    Raises ProviderError when Sendcloud cannot answer (failures are not cached).
    """
    from integrations.shipping.sendcloud.client import SendcloudClient

    key = f"{CACHE_PREFIX}:{request.to_country}:{request.to_postal_code}:{request.weight_g}:{request.service_point_id}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    client = client or SendcloudClient.from_settings()
    options = [
        {
            "id": option.shipping_method_id,
            "service_point_required": option.service_point_required,
            "lead_time_hours": option.lead_time_hours,
            "carrier": option.carrier,
        }
        for option in client.rates(request)
    ]
    cache.set(key, options, timeout=min(settings.SENDCLOUD_RATES_CACHE_SECONDS, 3600))
    return options


def service_points_near(request: ServicePointRequest, *, client=None) -> list[ServicePoint]:
    """Pickup points for a postal code, cached briefly (points open and close; the parcel is checked anyway).

    Raises ProviderError when Sendcloud cannot answer (failures are not cached).
    """
    from integrations.shipping.sendcloud.client import SendcloudClient

    carriers = ",".join(request.carriers)
    key = f"{SERVICE_POINTS_CACHE_PREFIX}:{request.country}:{request.postal_code.replace(' ', '')}:{carriers}"
    cached = cache.get(key)
    if cached is not None:
        return [ServicePoint(**point) for point in cached]
    points = (client or SendcloudClient.from_settings()).service_points(request)
    cache.set(key, [point.__dict__ for point in points], timeout=SERVICE_POINTS_CACHE_SECONDS)
    return points


def rate_request(snapshot) -> RateRequest:
    return RateRequest(
        to_country=snapshot.country.upper(),
        to_postal_code=snapshot.postal_code,
        weight_g=max(int(snapshot.weight_grams or 0), 1),
    )


class SendcloudShipping:
    """Sendcloud's offers at checkout, and the parcel service for every order (flat-rate orders
    ship with SENDCLOUD_DEFAULT_METHOD_ID)."""

    code = "sendcloud"
    name = "sendcloud"

    def client(self):
        from integrations.shipping.sendcloud.client import SendcloudClient

        return SendcloudClient.from_settings()

    def parcel_method_id(self, order) -> str:
        """From the offer the buyer chose ("sendcloud:8"); for a zone offer made while Sendcloud was not
        asked or unreachable ("zone:dpd-classic"), the method the zone's rate maps to; else the default."""
        code = order.shipping_method_code or ""
        if code.startswith(f"{self.code}:"):
            return code.split(":", 1)[1]
        if code.startswith("zone:"):
            from commerce.shipping.services import customer_type_for, rates_for

            product = code.split(":", 1)[1]
            customer_type = customer_type_for(order.company_id is not None)
            for rate in rates_for(order.shipping_country, customer_type):
                if rate.carrier_product == product and rate.provider_method_code:
                    return rate.provider_method_code
        return str(settings.SENDCLOUD_DEFAULT_METHOD_ID)

    def queue_parcel(self, order) -> None:
        from integrations.shipping.tasks import queue_parcel

        queue_parcel(order)

    def service_points(self, offer, snapshot, postal_code: str) -> list[ServicePoint]:
        """Pickup points of the offer's carrier near `postal_code` (checkout's delivery step).

        Raises ProviderError when Sendcloud cannot answer; the checkout then asks to try again.
        """
        carriers = (offer.pickup_point_carrier,) if offer.pickup_point_carrier else ()
        if not carriers:
            option = next(
                (o for o in available_method_ids(rate_request(snapshot)) if o["id"] == offer.provider_method_id), None
            )
            carriers = (option["carrier"],) if option and option.get("carrier") else ()
        return service_points_near(
            ServicePointRequest(country=snapshot.country.upper(), postal_code=postal_code.strip(), carriers=carriers)
        )

    def offers(self, snapshot) -> list[ShippingOffer]:
        """The zone rates Sendcloud serves at the address (raises ProviderError when it cannot answer)."""
        rates = {rate.provider_method_code: rate for rate in snapshot.rates if rate.provider_method_code}
        if not rates:
            return []
        offers = []
        for option in available_method_ids(rate_request(snapshot)):
            rate = rates.get(str(option["id"]))
            if rate is None:
                continue  # a Sendcloud method the shop does not sell here
            offers.append(
                rate_offer(
                    rate,
                    snapshot,
                    method_code=f"sendcloud:{option['id']}",
                    provider_method_id=str(option["id"]),
                    service_point_required=bool(option["service_point_required"]),
                )
            )
        return offers
