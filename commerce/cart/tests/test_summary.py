"""summarize_cart: engine prices, discounts, warnings, blocking lines; fixed query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductVariant
from commerce.cart.summary import summarize_cart
from commerce.pricing.context import PriceContext
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user
from commerce.shipping.services import shipping_data

from .factories import anonymous, cart_with, make_code, make_variant


def test_price_change_since_adding_is_warned(shop):
    cart = cart_with((shop.soap, 1))
    ProductVariant.objects.filter(pk=shop.soap.pk).update(retail_price=Decimal("12.90"))

    line = summarize_cart(cart, anonymous()).lines[0]

    assert line.warnings == ["The price has changed from 11.90 € to 12.90 € since you added this item."]
    assert line.blocking is False


def test_stock_drop_since_adding_blocks_checkout(shop):
    cart = cart_with((shop.soap, 5))
    ProductVariant.objects.filter(pk=shop.soap.pk).update(stock_quantity=3)

    summary = summarize_cart(cart, anonymous())

    assert summary.lines[0].warnings == ["Only 3 of this item are in stock now. Please reduce the quantity."]
    assert summary.can_check_out is False


def test_deactivated_variant_is_shown_but_not_priced(shop):
    cart = cart_with((shop.soap, 1), (shop.tea, 1))
    ProductVariant.objects.filter(pk=shop.tea.pk).update(active=False)

    summary = summarize_cart(cart, anonymous())

    assert [line.unavailable for line in summary.lines] == [False, True]
    assert [s.quote.line_price for s in summary.priced] == [Decimal("11.90")]
    assert summary.can_check_out is False


def test_b2b_summary_uses_net_tier_prices(shop):
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "8.90", 12: "7.90"})
    company = make_company(price_list=price_list, buyer=make_user("einkauf"))
    cart = cart_with((shop.soap, 12))

    summary = summarize_cart(cart, PriceContext.for_company(company))

    line = summary.lines[0]
    assert (line.quote.unit_net, line.total, summary.display_mode) == (Decimal("7.90"), Decimal("94.80"), "net")
    assert summary.goods_net == Decimal("94.80")


def _queries(cart, context) -> int:
    with CaptureQueriesContext(connection) as captured:
        summarize_cart(cart, context)
    return len(captured)


@pytest.mark.parametrize("kind", ["retail", "b2b"])
def test_query_count_does_not_grow_with_the_lines(shop, kind):
    variants = [make_variant(shop.seife, "5.00", stock=50) for _ in range(30)]
    code = make_code(audience="both", applies_to_b2b_net=True)
    small, large = cart_with(*[(v, 1) for v in variants[:3]]), cart_with(*[(v, 1) for v in variants])
    small.promo_codes.add(code)
    large.promo_codes.add(code)
    if kind == "b2b":
        price_list = make_price_list()
        for variant in variants:
            add_entry(price_list, variant, {1: "4.00"})
        context = PriceContext.for_company(make_company(price_list=price_list, buyer=make_user("einkauf")))
    else:
        context = anonymous()
    shipping_data()  # the shipping zones are read once per process and cached, not per cart

    assert _queries(small, context) == _queries(large, context) == (5 if kind == "retail" else 9)
