"""Retail (anonymous and B2C) quotes: gross prices, constant across EU destinations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from commerce.pricing.engine import DisplayMode, PriceRule, quote
from commerce.pricing.errors import QuantityError, QuantityErrorCode, UnsupportedCountryError
from commerce.pricing.vat import VatKind

from .factories import retail

pytestmark = pytest.mark.django_db


def test_anonymous_in_germany_pays_the_catalogue_gross_price(shop, anonymous):
    q = quote(shop.soap, 1, anonymous)
    assert (q.unit_gross, q.unit_net, q.unit_vat, q.vat_rate) == (
        Decimal("11.90"),
        Decimal("10.00"),
        Decimal("1.90"),
        Decimal("19"),
    )
    assert (q.rule, q.display_mode, q.unit_price) == (PriceRule.RETAIL, DisplayMode.GROSS, Decimal("11.90"))


def test_b2c_customer_gets_the_same_price_as_anonymous(shop, anonymous):
    assert quote(shop.soap, 3, retail("DE")) == quote(shop.soap, 3, anonymous)


def test_reduced_rate_product_in_germany(shop):
    q = quote(shop.tea, 1, retail("DE"))
    assert (q.unit_gross, q.unit_net, q.vat_rate) == (Decimal("10.70"), Decimal("10.00"), Decimal("7"))


def test_austria_keeps_the_gross_price_and_takes_austrian_vat_out(shop):
    q = quote(shop.soap, 1, retail("AT"))
    # 11.90 / 1.20 = 9.9166… → 9.92 net, 1.98 VAT
    assert (q.unit_gross, q.unit_net, q.unit_vat, q.vat_rate) == (
        Decimal("11.90"),
        Decimal("9.92"),
        Decimal("1.98"),
        Decimal("20"),
    )
    assert q.vat_kind == VatKind.DISTANCE_SALE


def test_netherlands_reduced_rate_keeps_the_gross_price(shop):
    q = quote(shop.tea, 1, retail("NL"))
    # 10.70 / 1.09 = 9.8165… → 9.82 net
    assert (q.unit_gross, q.unit_net, q.vat_rate) == (Decimal("10.70"), Decimal("9.82"), Decimal("9"))


def test_switzerland_pays_the_german_net_price_without_vat(shop):
    q = quote(shop.soap, 2, retail("CH"))
    assert (q.unit_gross, q.unit_net, q.vat_rate, q.line_gross) == (
        Decimal("10.00"),
        Decimal("10.00"),
        Decimal("0"),
        Decimal("20.00"),
    )
    assert q.vat_kind == VatKind.EXPORT
    assert q.reference_price == Decimal("12.52")  # 14.90 / 1.19


def test_retail_line_is_gross_times_quantity_and_vat_taken_out_once(shop):
    q = quote(shop.soap, 3, retail("AT"))
    # 35.70 / 1.2 = 29.75 exactly; per-unit rounding would give 29.76
    assert (q.line_gross, q.line_net, q.line_vat) == (Decimal("35.70"), Decimal("29.75"), Decimal("5.95"))


def test_reference_price_is_the_compare_at_price_for_consumers(shop, anonymous):
    assert quote(shop.soap, 1, anonymous).reference_price == Decimal("14.90")


def test_no_reference_price_without_compare_at_price(shop, anonymous):
    assert quote(shop.tea, 1, anonymous).reference_price is None


def test_base_price_per_kg_from_the_shown_gross_price(shop, anonymous):
    q = quote(shop.tea, 1, anonymous)  # 10.70 for 100 g
    assert (q.base_price_per_unit, q.base_unit) == (Decimal("107.00"), "kg")


def test_unsupported_delivery_country_is_refused(shop):
    with pytest.raises(UnsupportedCountryError):
        quote(shop.soap, 1, retail("PL"))


@pytest.mark.parametrize(
    ("quantity", "code"),
    [(0, QuantityErrorCode.NOT_POSITIVE), (-2, QuantityErrorCode.NOT_POSITIVE), (10_000, QuantityErrorCode.TOO_LARGE)],
)
def test_quote_refuses_impossible_quantities(shop, anonymous, quantity, code):
    with pytest.raises(QuantityError) as error:
        quote(shop.soap, quantity, anonymous)
    assert error.value.code == code


def test_quote_refuses_a_non_integer_quantity(shop, anonymous):
    with pytest.raises(QuantityError) as error:
        quote(shop.soap, Decimal("1.5"), anonymous)
    assert error.value.code == QuantityErrorCode.NOT_A_NUMBER
