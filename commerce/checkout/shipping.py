"""Built-in flat-rate shipping: DHL Paket at a fixed price per zone, free above a threshold."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from commerce.pricing.vat import DELIVERY_COUNTRIES, HOME_COUNTRY

from .methods import CheckoutSnapshot, ShippingOffer, shipping_charge


class FlatRateShipping:
    """Prices are German gross amounts (like catalogue prices), charged by `shipping_charge`
    (the VAT follows the goods). Free shipping: consumers from FREE_SHIPPING_THRESHOLD gross goods, businesses
    from FREE_SHIPPING_THRESHOLD_B2B_NET net goods (after discounts)."""

    code = "flat"

    def offers(self, snapshot: CheckoutSnapshot) -> list[ShippingOffer]:
        if snapshot.country not in DELIVERY_COUNTRIES:
            return []
        rates = getattr(settings, "FLAT_SHIPPING_RATES", {"DE": "4.90", "EU": "9.90", "CH": "19.90"})
        price_de = Decimal(rates.get(snapshot.country) or rates["EU"])
        if self._free(snapshot):
            price_de = Decimal("0.00")
        net, gross = shipping_charge(price_de, snapshot)
        domestic = snapshot.country == HOME_COUNTRY
        return [
            ShippingOffer(
                method_code="flat-dhl",
                name="DHL Paket",
                net=net,
                gross=gross,
                delivery_time=_("2–3 working days") if domestic else _("4–6 working days"),
            )
        ]

    def _free(self, snapshot: CheckoutSnapshot) -> bool:
        if snapshot.context.is_b2b:
            threshold = Decimal(str(getattr(settings, "FREE_SHIPPING_THRESHOLD_B2B_NET", "250")))
            return snapshot.goods_net >= threshold
        threshold = Decimal(str(getattr(settings, "FREE_SHIPPING_THRESHOLD", "49")))
        return snapshot.goods_gross >= threshold
