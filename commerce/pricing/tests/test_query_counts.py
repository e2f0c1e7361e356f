"""quote_many runs a fixed number of queries, whatever the number of variants."""

from __future__ import annotations

import pytest

from commerce.pricing.engine import quote_many

from .factories import add_discount, add_entry, b2b, make_company, make_price_list, make_product, make_variant

pytestmark = pytest.mark.django_db

B2B_QUERIES = 5  # price list (via company), tiers, discounts, products, additional categories


@pytest.fixture
def many_variants(shop):
    products = [make_product(cat, f"Produkt {i}") for i, cat in enumerate([shop.kraeutertee, shop.kosmetik] * 5)]
    variants = [make_variant(products[i % 10], f"SKU-{i}") for i in range(50)]
    price_list = make_price_list()
    for variant in variants[::2]:
        add_entry(price_list, variant, {1: "8.90", 12: "7.90"})
    add_discount(price_list, "10", category=shop.tee)
    add_discount(price_list, "5", brand=shop.savon)
    for product in products[:3]:
        product.additional_categories.add(shop.kosmetik)
        product.save()
    return variants, make_company(price_list=price_list)


@pytest.mark.parametrize("count", [5, 50])
def test_b2b_quote_many_query_count_is_constant(many_variants, django_assert_num_queries, count):
    variants, company = many_variants
    items = [(v, 12) for v in variants[:count]]
    context = b2b(company)
    with django_assert_num_queries(B2B_QUERIES):
        quotes = quote_many(items, context)
    assert len(quotes) == count


@pytest.mark.parametrize("count", [5, 50])
def test_retail_quote_many_runs_no_query(many_variants, anonymous, django_assert_num_queries, count):
    variants, _company = many_variants
    with django_assert_num_queries(0):
        quote_many([(v, 1) for v in variants[:count]], anonymous)
