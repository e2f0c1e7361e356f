"""B2B quotes: tier > list discount > retail net, validity, VAT treatment of the delivery."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from commerce.pricing.engine import DisplayMode, PriceRule, quote
from commerce.pricing.vat import VatKind

from .factories import add_discount, add_entry, b2b, make_company, make_price_list

pytestmark = pytest.mark.django_db

TIERS = {1: "8.90", 12: "7.90", 48: "6.90"}


@pytest.fixture
def price_list():
    return make_price_list("Fachhandel 2026")


@pytest.fixture
def company(price_list):
    return make_company(price_list=price_list)


@pytest.mark.parametrize(
    ("quantity", "unit_net", "rule"),
    [
        (1, "8.90", PriceRule.PRICE_LIST),
        (11, "8.90", PriceRule.PRICE_LIST),
        (12, "7.90", PriceRule.TIER),
        (47, "7.90", PriceRule.TIER),
        (48, "6.90", PriceRule.TIER),
    ],
)
def test_tier_is_the_highest_minimum_quantity_reached(shop, price_list, company, quantity, unit_net, rule):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, quantity, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal(unit_net), rule)


def test_b2b_line_is_net_times_quantity_plus_vat_on_the_line(shop, price_list, company):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 48, b2b(company))
    # 48 × 6.90 = 331.20; 19 % = 62.928 → 62.93
    assert (q.line_net, q.line_vat, q.line_gross) == (Decimal("331.20"), Decimal("62.93"), Decimal("394.13"))
    assert (q.unit_vat, q.unit_gross) == (Decimal("1.31"), Decimal("8.21"))


def test_b2b_is_shown_net_without_reference_price(shop, price_list, company):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 1, b2b(company))
    assert (q.display_mode, q.unit_price, q.reference_price) == (DisplayMode.NET, Decimal("8.90"), None)


def test_b2b_base_price_uses_the_net_unit_price(shop, price_list, company):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 1, b2b(company))  # 8.90 for 250 g
    assert (q.base_price_per_unit, q.base_unit) == (Decimal("35.60"), "kg")


def test_tiers_starting_above_the_quantity_fall_back_to_retail_net(shop, price_list, company):
    add_entry(price_list, shop.soap, {12: "7.90"})
    q = quote(shop.soap, 11, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("10.00"), PriceRule.RETAIL)


def test_without_entry_or_discount_b2b_pays_retail_net(shop, price_list, company):
    q = quote(shop.tea, 5, b2b(company))
    assert (q.unit_net, q.rule, q.vat_rate, q.line_gross) == (
        Decimal("10.00"),
        PriceRule.RETAIL,
        Decimal("7"),
        Decimal("53.50"),
    )


def test_company_without_price_list_pays_retail_net(shop):
    company = make_company(price_list=None)
    q = quote(shop.soap, 1, b2b(company))
    assert (q.unit_net, q.rule, q.display_mode) == (Decimal("10.00"), PriceRule.RETAIL, DisplayMode.NET)


def test_price_list_before_its_validity_is_ignored(shop, company, price_list):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 1, b2b(company, on_date=datetime.date(2025, 12, 31)))
    assert q.rule == PriceRule.RETAIL


def test_price_list_on_its_first_and_last_day_applies(shop):
    price_list = make_price_list(valid_from=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 3, 31))
    add_entry(price_list, shop.soap, TIERS)
    company = make_company(price_list=price_list)
    first = quote(shop.soap, 1, b2b(company, on_date=datetime.date(2026, 3, 1)))
    last = quote(shop.soap, 1, b2b(company, on_date=datetime.date(2026, 3, 31)))
    assert (first.unit_net, last.unit_net) == (Decimal("8.90"), Decimal("8.90"))


def test_price_list_after_its_validity_is_ignored(shop):
    price_list = make_price_list(valid_from=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 3, 31))
    add_entry(price_list, shop.soap, TIERS)
    company = make_company(price_list=price_list)
    q = quote(shop.soap, 1, b2b(company, on_date=datetime.date(2026, 4, 1)))
    assert (q.unit_net, q.rule) == (Decimal("10.00"), PriceRule.RETAIL)


def test_inactive_price_list_is_ignored(shop):
    price_list = make_price_list(active=False)
    add_entry(price_list, shop.soap, TIERS)
    company = make_company(price_list=price_list)
    assert quote(shop.soap, 1, b2b(company)).rule == PriceRule.RETAIL


def test_category_discount_takes_a_percentage_off_retail_net(shop, price_list, company):
    add_discount(price_list, "15", category=shop.kosmetik)
    q = quote(shop.soap, 1, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("8.50"), PriceRule.LIST_DISCOUNT)


def test_category_discount_includes_subcategories(shop, price_list, company):
    add_discount(price_list, "10", category=shop.tee)  # tea sits in Tee > Kräutertee
    q = quote(shop.tea, 1, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("9.00"), PriceRule.LIST_DISCOUNT)


def test_category_discount_does_not_reach_other_categories(shop, price_list, company):
    add_discount(price_list, "10", category=shop.tee)
    assert quote(shop.soap, 1, b2b(company)).rule == PriceRule.RETAIL


def test_category_discount_covers_products_also_listed_there(shop, price_list, company):
    shop.seife.additional_categories.add(shop.kraeutertee)
    shop.seife.save()
    add_discount(price_list, "10", category=shop.tee)
    assert quote(shop.soap, 1, b2b(company)).unit_net == Decimal("9.00")


def test_brand_discount(shop, price_list, company):
    add_discount(price_list, "12.5", brand=shop.kraeutergarten)
    q = quote(shop.tea, 1, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("8.75"), PriceRule.LIST_DISCOUNT)


def test_best_of_several_matching_discounts_wins(shop, price_list, company):
    add_discount(price_list, "5", category=shop.tee)
    add_discount(price_list, "20", brand=shop.kraeutergarten)
    add_discount(price_list, "10", category=shop.kraeutertee)
    assert quote(shop.tea, 1, b2b(company)).unit_net == Decimal("8.00")


def test_tier_price_beats_a_list_discount(shop, price_list, company):
    add_discount(price_list, "50", category=shop.kosmetik)
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 12, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("7.90"), PriceRule.TIER)


def test_discount_applies_below_the_first_tier(shop, price_list, company):
    add_discount(price_list, "15", category=shop.kosmetik)
    add_entry(price_list, shop.soap, {12: "7.90"})
    q = quote(shop.soap, 6, b2b(company))
    assert (q.unit_net, q.rule) == (Decimal("8.50"), PriceRule.LIST_DISCOUNT)


def test_german_company_pays_19_percent(shop, price_list, company):
    add_entry(price_list, shop.soap, TIERS)
    q = quote(shop.soap, 1, b2b(company, "DE"))
    assert (q.vat_rate, q.reverse_charge, q.vat_kind) == (Decimal("19"), False, VatKind.DOMESTIC)


def test_austrian_company_delivered_in_austria_gets_reverse_charge(shop, price_list):
    add_entry(price_list, shop.soap, TIERS)
    company = make_company("Naturladen Wien GmbH", country="AT", price_list=price_list)
    q = quote(shop.soap, 12, b2b(company))  # delivery country defaults to the company's country
    assert (q.vat_rate, q.line_vat, q.line_gross, q.reverse_charge) == (
        Decimal("0"),
        Decimal("0.00"),
        Decimal("94.80"),
        True,
    )
    assert "reverse charge" in q.vat_note


def test_dutch_company_delivered_to_germany_pays_german_vat(shop, price_list):
    company = make_company("Natuurwinkel BV", country="NL", price_list=price_list)
    q = quote(shop.tea, 1, b2b(company, "DE"))
    assert (q.vat_rate, q.reverse_charge) == (Decimal("7"), False)


def test_company_with_an_invalid_vat_id_gets_no_reverse_charge(shop, price_list):
    """Rows written past validation (imports, old data) must not unlock 0 %."""
    company = make_company("Ungültig GmbH", country="AT", vat_id="ATU13585628", price_list=price_list)
    q = quote(shop.soap, 1, b2b(company))
    assert (q.vat_rate, q.reverse_charge, q.vat_kind) == (Decimal("20"), False, VatKind.DISTANCE_SALE)
