"""VAT rules per destination, reverse charge, rounding and totals per rate (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.models import TaxClass
from commerce.pricing.errors import PricingErrorCode, UnsupportedCountryError
from commerce.pricing.money import to_cent
from commerce.pricing.vat import (
    VatKind,
    net_from_gross,
    vat_id_country,
    vat_on_net,
    vat_treatment,
)

from .factories import VALID_VAT_IDS


@pytest.mark.parametrize(
    ("country", "standard", "reduced"),
    [
        ("DE", "19", "7"),
        ("AT", "20", "10"),
        ("NL", "21", "9"),
        ("BE", "21", "6"),
        ("FR", "20", "5.5"),
        ("IT", "22", "10"),
        ("ES", "21", "10"),
        ("LU", "17", "3"),
    ],
)
def test_consumer_pays_the_destination_rate(country, standard, reduced):
    assert vat_treatment(TaxClass.STANDARD, destination_country=country).rate == Decimal(standard)
    assert vat_treatment(TaxClass.REDUCED, destination_country=country).rate == Decimal(reduced)


def test_consumer_outside_germany_is_an_oss_distance_sale():
    treatment = vat_treatment(TaxClass.STANDARD, destination_country="AT")
    assert (treatment.kind, treatment.reverse_charge, treatment.note) == (VatKind.DISTANCE_SALE, False, "")


def test_germany_is_domestic():
    assert vat_treatment(TaxClass.STANDARD, destination_country="DE").kind == VatKind.DOMESTIC


def test_switzerland_is_a_tax_free_export():
    treatment = vat_treatment(TaxClass.REDUCED, destination_country="CH")
    assert (treatment.rate, treatment.kind) == (Decimal("0"), VatKind.EXPORT)
    assert "export" in treatment.note


def test_unknown_destination_is_refused():
    with pytest.raises(UnsupportedCountryError) as error:
        vat_treatment(TaxClass.STANDARD, destination_country="US")
    assert error.value.code == PricingErrorCode.UNSUPPORTED_COUNTRY


@pytest.mark.parametrize("country", ["AT", "NL", "FR", "BE", "IT", "ES", "LU"])
def test_foreign_company_with_valid_vat_id_gets_reverse_charge(country):
    treatment = vat_treatment(TaxClass.STANDARD, destination_country=country, business_vat_id=VALID_VAT_IDS[country])
    assert (treatment.rate, treatment.kind, treatment.reverse_charge) == (
        Decimal("0"),
        VatKind.INTRA_COMMUNITY,
        True,
    )
    assert "reverse charge" in treatment.note


def test_german_company_in_germany_pays_german_vat():
    treatment = vat_treatment(TaxClass.STANDARD, destination_country="DE", business_vat_id=VALID_VAT_IDS["DE"])
    assert (treatment.rate, treatment.reverse_charge) == (Decimal("19"), False)


def test_german_company_shipping_to_austria_is_no_reverse_charge():
    """The VAT ID must belong to the destination state; a German ID there is an OSS distance sale."""
    treatment = vat_treatment(TaxClass.STANDARD, destination_country="AT", business_vat_id=VALID_VAT_IDS["DE"])
    assert (treatment.rate, treatment.kind) == (Decimal("20"), VatKind.DISTANCE_SALE)


def test_invalid_vat_id_checksum_gets_no_reverse_charge():
    treatment = vat_treatment(TaxClass.STANDARD, destination_country="AT", business_vat_id="ATU13585628")
    assert (treatment.rate, treatment.reverse_charge) == (Decimal("20"), False)


def test_greek_vat_prefix_el_maps_to_gr():
    assert vat_id_country("EL094259216") == "GR"


def test_vat_id_country_of_garbage_is_none():
    assert vat_id_country("not a vat id") is None


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("0.015", "0.02"),
        ("2.675", "2.68"),
        ("1.125", "1.13"),
        ("-0.005", "-0.01"),
    ],
)
def test_rounding_is_half_up_to_the_cent(amount, rounded):
    assert to_cent(Decimal(amount)) == Decimal(rounded)


def test_rounding_refuses_floats():
    with pytest.raises(TypeError):
        to_cent(0.005)


def test_net_from_gross_and_vat_on_net_round_half_up():
    assert net_from_gross(Decimal("11.90"), Decimal("19")) == Decimal("10.00")
    assert net_from_gross(Decimal("0.07"), Decimal("7")) == Decimal("0.07")  # 0.0654… → 0.07
    assert vat_on_net(Decimal("0.50"), Decimal("5.5")) == Decimal("0.03")  # 0.0275 → 0.03
    assert vat_on_net(Decimal("0.10"), Decimal("5")) == Decimal("0.01")  # exactly 0.005 → 0.01
