"""No leaks: a company's price list prices reach only contexts of that (approved) company."""

from __future__ import annotations

from decimal import Decimal

import pytest

from commerce.companies.models import CompanyStatus
from commerce.pricing.context import CustomerKind, PriceContext
from commerce.pricing.engine import PriceRule, quote, quote_many

from .factories import TODAY, add_discount, add_entry, b2b, make_company, make_price_list, retail

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(shop):
    """Company A's list: soap 5.55 net from 1, 15 % off everything in Tee."""
    price_list = make_price_list("Nur für A")
    add_entry(price_list, shop.soap, {1: "5.55"})
    add_discount(price_list, "15", category=shop.tee)
    return price_list


def _secret_prices(quotes) -> list:
    return [q for q in quotes if q.rule != PriceRule.RETAIL or q.unit_net == Decimal("5.55")]


def test_company_a_sees_its_prices(shop, secret):
    company_a = make_company("A GmbH", price_list=secret)
    quotes = quote_many([(shop.soap, 1), (shop.tea, 1)], b2b(company_a))
    assert [q.unit_net for q in quotes] == [Decimal("5.55"), Decimal("8.50")]


def test_anonymous_never_sees_a_company_price(shop, secret, anonymous):
    make_company("A GmbH", price_list=secret)
    assert _secret_prices(quote_many([(shop.soap, 1), (shop.tea, 1)], anonymous)) == []


def test_b2c_customer_never_sees_a_company_price(shop, secret):
    make_company("A GmbH", price_list=secret)
    assert _secret_prices(quote_many([(shop.soap, 1), (shop.tea, 1)], retail("DE"))) == []


def test_another_company_never_sees_a_company_price(shop, secret):
    make_company("A GmbH", price_list=secret)
    company_b = make_company("B KG", country="NL", price_list=make_price_list("B"))
    quotes = quote_many([(shop.soap, 1), (shop.tea, 1)], b2b(company_b, "DE"))
    assert [(q.unit_net, q.rule) for q in quotes] == [
        (Decimal("10.00"), PriceRule.RETAIL),
        (Decimal("10.00"), PriceRule.RETAIL),
    ]


def test_context_pairing_another_companys_list_gets_retail(shop, secret):
    """Defence in depth: the engine looks the list up through the company, not by id alone."""
    make_company("A GmbH", price_list=secret)
    company_b = make_company("B KG", country="NL")
    forged = PriceContext(
        CustomerKind.B2B, company_id=company_b.pk, price_list_id=secret.pk, delivery_country="DE", on_date=TODAY
    )
    assert quote(shop.soap, 1, forged).rule == PriceRule.RETAIL


@pytest.mark.parametrize("status", [CompanyStatus.PENDING, CompanyStatus.REJECTED])
def test_company_that_is_not_approved_gets_retail(shop, secret, status):
    company = make_company("A GmbH", price_list=secret, status=status)
    assert quote(shop.soap, 1, b2b(company)).rule == PriceRule.RETAIL


def test_retail_context_cannot_carry_a_price_list(secret):
    with pytest.raises(ValueError, match="Only a B2B price context"):
        PriceContext(CustomerKind.B2C, price_list_id=secret.pk)


def test_b2b_context_needs_a_company():
    with pytest.raises(ValueError, match="needs a company"):
        PriceContext(CustomerKind.B2B, price_list_id=1)
