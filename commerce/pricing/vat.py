"""VAT: which rate applies to a delivery, and totals per rate that always add up.

The shop sits in Germany (HOME_COUNTRY). Rules, in order:

1. Destination outside the EU (CH): tax-free export delivery, 0 % (§ 4 Nr. 1a, § 6 UStG).
   Import VAT is charged to the recipient by customs.
2. Destination is Germany: German rates, for everybody.
3. Destination is another EU member state and the buyer is a company whose VAT ID is
   valid (format + checksum) and issued by that same member state: tax-free
   intra-Community supply, 0 %, with the reverse-charge note on the invoice.
4. Any other delivery to an EU member state (consumers, companies without a matching
   valid VAT ID): one-stop-shop (OSS) distance sale, taxed at the destination's rate.

`reduced` is the class German editors pick for 7 % goods — for our range that is food
(tea, superfoods). The reduced column below is therefore each country's rate for such
food, not necessarily that country's lowest rate. Rates as of 2025; a tax adviser
must confirm them before launch and whenever a country changes its rates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as InvalidNumber

from catalog.models import TaxClass

from .errors import PricingErrorCode, UnsupportedCountryError
from .money import net_from_gross, to_cent, vat_on_net

HOME_COUNTRY = "DE"


class Country(models.TextChoices):
    """Countries a company can be registered in or a parcel can go to."""

    AT = "AT", _("Austria")
    BE = "BE", _("Belgium")
    BG = "BG", _("Bulgaria")
    CH = "CH", _("Switzerland")
    CY = "CY", _("Cyprus")
    CZ = "CZ", _("Czechia")
    DE = "DE", _("Germany")
    DK = "DK", _("Denmark")
    EE = "EE", _("Estonia")
    ES = "ES", _("Spain")
    FI = "FI", _("Finland")
    FR = "FR", _("France")
    GR = "GR", _("Greece")
    HR = "HR", _("Croatia")
    HU = "HU", _("Hungary")
    IE = "IE", _("Ireland")
    IT = "IT", _("Italy")
    LT = "LT", _("Lithuania")
    LU = "LU", _("Luxembourg")
    LV = "LV", _("Latvia")
    MT = "MT", _("Malta")
    NL = "NL", _("Netherlands")
    PL = "PL", _("Poland")
    PT = "PT", _("Portugal")
    RO = "RO", _("Romania")
    SE = "SE", _("Sweden")
    SI = "SI", _("Slovenia")
    SK = "SK", _("Slovakia")


EU_MEMBER_STATES = frozenset(c.value for c in Country) - {"CH"}

# Destination country -> (standard %, reduced % for food). Only countries in this table
# (plus export countries) can be taxed; everything else raises UnsupportedCountryError.
VAT_RATES: dict[str, dict[str, Decimal]] = {
    "DE": {TaxClass.STANDARD: Decimal("19"), TaxClass.REDUCED: Decimal("7")},
    "AT": {TaxClass.STANDARD: Decimal("20"), TaxClass.REDUCED: Decimal("10")},
    "NL": {TaxClass.STANDARD: Decimal("21"), TaxClass.REDUCED: Decimal("9")},
    "BE": {TaxClass.STANDARD: Decimal("21"), TaxClass.REDUCED: Decimal("6")},
    "FR": {TaxClass.STANDARD: Decimal("20"), TaxClass.REDUCED: Decimal("5.5")},
    "IT": {TaxClass.STANDARD: Decimal("22"), TaxClass.REDUCED: Decimal("10")},
    "ES": {TaxClass.STANDARD: Decimal("21"), TaxClass.REDUCED: Decimal("10")},
    # Luxembourg: 17 % standard; food falls under the 3 % super-reduced rate (8 % is for other goods).
    "LU": {TaxClass.STANDARD: Decimal("17"), TaxClass.REDUCED: Decimal("3")},
}

# Non-EU destinations we ship to as tax-free exports.
EXPORT_COUNTRIES = frozenset({"CH"})

# Countries whose VAT the shop can compute. Which of them it delivers to is decided by its shipping
# zones (commerce.shipping).
VAT_COUNTRIES = frozenset(VAT_RATES) | EXPORT_COUNTRIES

# VAT ID prefixes that differ from the ISO country code.
_VAT_PREFIX_TO_COUNTRY = {"EL": "GR"}


class VatKind(StrEnum):
    DOMESTIC = "domestic"
    DISTANCE_SALE = "distance_sale"  # OSS: destination rate
    INTRA_COMMUNITY = "intra_community"  # reverse charge, 0 %
    EXPORT = "export"  # outside the EU, 0 %


REVERSE_CHARGE_NOTE = _(
    "Tax-exempt intra-Community supply (Section 4 No. 1b, Section 6a UStG). "
    "Tax liability of the recipient (reverse charge)."
)
EXPORT_NOTE = _("Tax-exempt export delivery (Section 4 No. 1a, Section 6 UStG).")


@dataclass(frozen=True)
class VatTreatment:
    rate: Decimal  # percent, e.g. Decimal("19") or Decimal("5.5")
    kind: VatKind
    note: str = ""

    @property
    def reverse_charge(self) -> bool:
        return self.kind == VatKind.INTRA_COMMUNITY


def vat_id_country(vat_id: str) -> str | None:
    """ISO country of a VAT ID that passes format and checksum validation, else None."""
    if not vat_id:
        return None
    try:
        number = eu_vat.validate(vat_id)
    except InvalidNumber:
        return None
    prefix = number[:2].upper()
    return _VAT_PREFIX_TO_COUNTRY.get(prefix, prefix)


def vat_treatment(tax_class: str, *, destination_country: str, business_vat_id: str = "") -> VatTreatment:
    """The VAT rule for one delivery. `business_vat_id` is only passed for approved B2B companies."""
    country = (destination_country or "").upper()
    if country not in VAT_COUNTRIES:
        raise UnsupportedCountryError(PricingErrorCode.UNSUPPORTED_COUNTRY)
    if country in EXPORT_COUNTRIES:
        return VatTreatment(Decimal("0"), VatKind.EXPORT, str(EXPORT_NOTE))
    if country == HOME_COUNTRY:
        return VatTreatment(VAT_RATES[country][tax_class], VatKind.DOMESTIC)
    if business_vat_id and vat_id_country(business_vat_id) == country:
        return VatTreatment(Decimal("0"), VatKind.INTRA_COMMUNITY, str(REVERSE_CHARGE_NOTE))
    return VatTreatment(VAT_RATES[country][tax_class], VatKind.DISTANCE_SALE)


def home_rate(tax_class: str) -> Decimal:
    """The German rate that is included in the catalogue's gross retail prices."""
    return VAT_RATES[HOME_COUNTRY][tax_class]


@dataclass(frozen=True)
class ShippingVatPart:
    """The share of the shipping taxed at one rate (rate in percent)."""

    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


def shipping_vat(
    amount: Decimal, goods_net_by_rate: Mapping[Decimal, Decimal], *, includes_vat: bool
) -> tuple[ShippingVatPart, ...]:
    """Split a shipping charge over the VAT rates of the goods it carries, highest rate first.

    Shipping is an ancillary service and shares the tax treatment of the principal supply
    (Abschn. 3.10 UStAE; CJEU C-349/96 "Card Protection Plan"): with one goods rate it is taxed at that
    rate, with several rates pro rata by the goods' net value at each. The goods' rates already
    are the delivery's rates (German, the destination's under OSS, 0 % for reverse charge and
    exports), so this rule holds for every destination. Charging 19 % on shipping of 7 % goods
    would make the excess owed anyway (§ 14c UStG).

    `amount` is what the buyer's price list fixes: the gross for consumers (`includes_vat`), the
    net for businesses. Each share is rounded to the cent; the rounding remainder goes to the
    share of the largest goods value (ties: the higher rate), so the shares add up exactly to
    `amount`. Goods without net value (discounted to zero) put the shipping at their highest rate.
    """
    amount = to_cent(amount)
    if amount == 0:
        return ()
    weights: dict[Decimal, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for rate, net in goods_net_by_rate.items():
        weights[to_cent(Decimal(rate))] += max(net, Decimal("0.00"))
    if not weights:
        raise ValueError("shipping VAT follows the goods: no goods given")
    total = sum(weights.values())
    rates = sorted(weights, reverse=True)
    if total == 0:
        weights, total = {rates[0]: Decimal(1)}, Decimal(1)
        rates = rates[:1]
    remainder_rate = max(rates, key=lambda rate: (weights[rate], rate))
    shares = {rate: to_cent(amount * weights[rate] / total) for rate in rates if rate != remainder_rate}
    shares[remainder_rate] = amount - sum(shares.values(), Decimal("0.00"))
    parts = []
    for rate in rates:
        share = shares[rate]
        if share == 0:
            continue
        if includes_vat:
            net = net_from_gross(share, rate)
            parts.append(ShippingVatPart(rate, net, share - net, share))
        else:
            vat = vat_on_net(share, rate)
            parts.append(ShippingVatPart(rate, share, vat, share + vat))
    return tuple(parts)
