"""Sendcloud as a checkout shipping method (`commerce.checkout.methods.ShippingMethod`).

Sendcloud says which of its shipping methods reach the destination with this weight; the shop
decides names, carrier products, list prices and delivery times per destination (setting
SENDCLOUD_OFFERS: Sendcloud's price is our cost, not the buyer's); `shipping_charge` turns them
into the buyer's price (free-shipping threshold per customer type, VAT following the goods).
Answers are cached for at most an hour (Sendcloud method ids may change). If Sendcloud cannot be
reached the method offers nothing, and the flat rates stay available.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache

from commerce.checkout.methods import ShippingOffer, shipping_charge, zone_value
from commerce.pricing.money import to_cent
from integrations.errors import ProviderError
from integrations.shipping.base import RateRequest, ServicePoint, ServicePointRequest

logger = logging.getLogger("integrations.shipping")
CACHE_PREFIX = "sendcloud:rates:v2"
SERVICE_POINTS_CACHE_PREFIX = "sendcloud:service-points:v1"
SERVICE_POINTS_CACHE_SECONDS = 15 * 60


def configured_offers() -> dict[str, dict]:
    """SENDCLOUD_OFFERS keyed by Sendcloud method id (str)."""
    return {str(offer["method_id"]): offer for offer in settings.SENDCLOUD_OFFERS}


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
        """From the offer the buyer chose ("sendcloud:8"), else the configured default."""
        code = order.shipping_method_code or ""
        if code.startswith(f"{self.code}:"):
            return code.split(":", 1)[1]
        return str(settings.SENDCLOUD_DEFAULT_METHOD_ID)

    def queue_parcel(self, order) -> None:
        from integrations.shipping.tasks import queue_parcel

        queue_parcel(order)

    def service_points(self, offer, snapshot, postal_code: str) -> list[ServicePoint]:
        """Pickup points of the offer's carrier near `postal_code` (checkout's delivery step).

        Raises ProviderError when Sendcloud cannot answer; the checkout then asks to try again.
        """
        option = next(
            (o for o in available_method_ids(rate_request(snapshot)) if o["id"] == offer.provider_method_id), None
        )
        carriers = (option["carrier"],) if option and option.get("carrier") else ()
        return service_points_near(
            ServicePointRequest(country=snapshot.country.upper(), postal_code=postal_code.strip(), carriers=carriers)
        )

    def offers(self, snapshot) -> list:
        request = rate_request(snapshot)
        try:
            available = available_method_ids(request)
        except ProviderError as exc:
            logger.warning("Sendcloud rates unavailable (%s); flat rates remain", exc)
            return []
        shop_offers = configured_offers()
        offers = []
        for option in available:
            config = shop_offers.get(option["id"])
            if config is None:
                continue  # a Sendcloud method the shop does not sell
            list_gross = to_cent(Decimal(str(zone_value(config["gross"], snapshot.country))))
            net, gross = shipping_charge(list_gross, snapshot)
            offers.append(
                ShippingOffer(
                    method_code=f"sendcloud:{option['id']}",
                    name=str(config["name"]),
                    net=net,
                    gross=gross,
                    delivery_time=str(zone_value(config.get("delivery_time", ""), snapshot.country)),
                    service_point_required=bool(option["service_point_required"]),
                    provider_method_id=option["id"],
                    carrier_product=str(config.get("carrier_product", "")),
                )
            )
        return offers
