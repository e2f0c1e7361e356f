"""Built-in flat-rate shipping: DHL Paket at a fixed price per zone, the fallback for Sendcloud's."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from commerce.pricing.vat import DELIVERY_COUNTRIES, HOME_COUNTRY

from .methods import CheckoutSnapshot, ShippingOffer, shipping_charge, zone_value


class FlatRateShipping:
    """Prices are German gross amounts per zone (FLAT_SHIPPING_RATES), charged by `shipping_charge`
    (the free-shipping threshold and the VAT are decided there, for every method).

    A fallback: its DHL Paket is dropped when Sendcloud offers DHL Paket for the destination."""

    code = "flat"
    fallback = True

    def offers(self, snapshot: CheckoutSnapshot) -> list[ShippingOffer]:
        if snapshot.country not in DELIVERY_COUNTRIES:
            return []
        rates = getattr(settings, "FLAT_SHIPPING_RATES", {"DE": "4.90", "EU": "9.90", "CH": "19.90"})
        net, gross = shipping_charge(Decimal(zone_value(rates, snapshot.country)), snapshot)
        domestic = snapshot.country == HOME_COUNTRY
        return [
            ShippingOffer(
                method_code="flat-dhl",
                name="DHL Paket",
                net=net,
                gross=gross,
                delivery_time=_("2–3 working days") if domestic else _("4–6 working days"),
                carrier_product="dhl-paket",
            )
        ]
