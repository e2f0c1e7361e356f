"""Built-in flat-rate shipping: DHL Paket at a fixed price per zone, free above a threshold."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from commerce.pricing.money import to_cent
from commerce.pricing.vat import DELIVERY_COUNTRIES, HOME_COUNTRY, home_rate, vat_treatment

from .methods import CheckoutSnapshot, ShippingOffer

HUNDRED = Decimal(100)


class FlatRateShipping:
    """Prices are German gross amounts (like catalogue prices): consumers pay them in every EU
    country; businesses pay their net part plus the VAT of the delivery (0 % for reverse charge
    and exports). Free shipping: consumers from FREE_SHIPPING_THRESHOLD gross goods, businesses
    from FREE_SHIPPING_THRESHOLD_B2B_NET net goods (after discounts)."""

    code = "flat"

    def offers(self, snapshot: CheckoutSnapshot) -> list[ShippingOffer]:
        if snapshot.country not in DELIVERY_COUNTRIES:
            return []
        rates = getattr(settings, "FLAT_SHIPPING_RATES", {"DE": "4.90", "EU": "9.90", "CH": "19.90"})
        price_de = Decimal(rates.get(snapshot.country) or rates["EU"])
        if self._free(snapshot):
            price_de = Decimal("0.00")
        treatment = vat_treatment(
            "standard",
            destination_country=snapshot.country,
            business_vat_id=snapshot.context.vat_id if snapshot.context.is_b2b else "",
        )
        rate = treatment.rate
        net_de = to_cent(price_de * HUNDRED / (HUNDRED + home_rate("standard")))
        if snapshot.context.is_b2b or treatment.kind == "export":
            net = net_de
            gross = net + to_cent(net * rate / HUNDRED)
        else:
            gross = price_de
            net = to_cent(gross * HUNDRED / (HUNDRED + rate))
        domestic = snapshot.country == HOME_COUNTRY
        return [
            ShippingOffer(
                method_code="flat-dhl",
                name="DHL Paket",
                net=net,
                gross=gross,
                vat_rate=rate,
                delivery_time=_("2–3 working days") if domestic else _("4–6 working days"),
            )
        ]

    def _free(self, snapshot: CheckoutSnapshot) -> bool:
        if snapshot.context.is_b2b:
            threshold = Decimal(str(getattr(settings, "FREE_SHIPPING_THRESHOLD_B2B_NET", "250")))
            return snapshot.goods_net >= threshold
        threshold = Decimal(str(getattr(settings, "FREE_SHIPPING_THRESHOLD", "49")))
        return snapshot.goods_gross >= threshold
