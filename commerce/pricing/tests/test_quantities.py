"""Quantity rules: bounds for everybody, minimum order quantity and pack multiples for B2B."""

from __future__ import annotations

import pytest
from django.utils import translation

from commerce.pricing.errors import QuantityError, QuantityErrorCode
from commerce.pricing.models import VariantQuantityRule
from commerce.pricing.quantities import parse_quantity, validate_quantity

from .factories import b2b, make_company, retail

pytestmark = pytest.mark.django_db


@pytest.fixture
def carton_rule(shop):
    return VariantQuantityRule.objects.create(variant=shop.tea, b2b_min_quantity=12, b2b_pack_multiple=6)


def _code(variant, quantity, context):
    with pytest.raises(QuantityError) as error:
        validate_quantity(variant, quantity, context)
    return error.value.code


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, QuantityErrorCode.NOT_POSITIVE),
        (-1, QuantityErrorCode.NOT_POSITIVE),
        (10_000, QuantityErrorCode.TOO_LARGE),
        ("3", QuantityErrorCode.NOT_A_NUMBER),
        (2.0, QuantityErrorCode.NOT_A_NUMBER),
        (True, QuantityErrorCode.NOT_A_NUMBER),
        (None, QuantityErrorCode.NOT_A_NUMBER),
    ],
)
def test_impossible_quantities_are_refused_for_everybody(shop, anonymous, quantity, code):
    assert _code(shop.soap, quantity, anonymous) == code


def test_maximum_quantity_is_accepted(shop, anonymous):
    assert validate_quantity(shop.soap, 9999, anonymous) is None


def test_retail_customer_is_not_bound_by_b2b_rules(shop, carton_rule):
    assert validate_quantity(shop.tea, 1, retail("DE")) is None


def test_b2b_below_minimum_order_quantity(shop, carton_rule):
    company = make_company()
    assert _code(shop.tea, 6, b2b(company)) == QuantityErrorCode.BELOW_MINIMUM


def test_b2b_not_a_pack_multiple(shop, carton_rule):
    company = make_company()
    assert _code(shop.tea, 13, b2b(company)) == QuantityErrorCode.NOT_PACK_MULTIPLE


def test_b2b_pack_multiple_above_minimum_is_accepted(shop, carton_rule):
    assert validate_quantity(shop.tea, 18, b2b(make_company())) is None


def test_b2b_variant_without_rule_accepts_any_quantity(shop, carton_rule):
    assert validate_quantity(shop.soap, 7, b2b(make_company())) is None


def test_pack_multiple_message_names_the_pack_size_in_english(shop, carton_rule):
    with pytest.raises(QuantityError) as error, translation.override("en"):
        validate_quantity(shop.tea, 13, b2b(make_company()))
    with translation.override("en"):
        assert error.value.message == "This item is only available in multiples of 6."


def test_minimum_message_names_the_minimum(shop, carton_rule):
    with pytest.raises(QuantityError) as error:
        validate_quantity(shop.tea, 6, b2b(make_company()))
    with translation.override("en"):
        assert str(error.value) == "This item can only be ordered in quantities of at least 12."


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), (" 12 ", 12), (48, 48), ("9999", 9999)])
def test_parse_quantity_accepts_whole_numbers(raw, expected):
    assert parse_quantity(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", QuantityErrorCode.NOT_A_NUMBER),
        ("abc", QuantityErrorCode.NOT_A_NUMBER),
        ("1.5", QuantityErrorCode.NOT_A_NUMBER),
        ("1e3", QuantityErrorCode.NOT_A_NUMBER),
        ("0", QuantityErrorCode.NOT_POSITIVE),
        ("-4", QuantityErrorCode.NOT_POSITIVE),
        ("10000", QuantityErrorCode.TOO_LARGE),
        ("99999999999999999999", QuantityErrorCode.TOO_LARGE),
        (None, QuantityErrorCode.NOT_A_NUMBER),
        ([], QuantityErrorCode.NOT_A_NUMBER),
    ],
)
def test_parse_quantity_refuses_everything_else(raw, code):
    with pytest.raises(QuantityError) as error:
        parse_quantity(raw)
    assert error.value.code == code


@pytest.mark.parametrize("raw", ["５", "１２", "٥", "۳", "५", "1٥", "𝟓", "²", "5\u00a0", "\u20035"])
def test_only_ascii_digits_are_a_quantity(raw):
    with pytest.raises(QuantityError) as error:
        parse_quantity(raw)

    assert error.value.code == QuantityErrorCode.NOT_A_NUMBER


@pytest.mark.parametrize(("raw", "quantity"), [("5", 5), (" 12 ", 12), ("0007", 7), ("\t3\n", 3)])
def test_ascii_digits_with_ascii_blanks_are_a_quantity(raw, quantity):
    assert parse_quantity(raw) == quantity
