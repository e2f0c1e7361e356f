"""Shipping VAT follows the goods, for every destination and customer kind (the shipping zones' rates)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from commerce.cart.tests.factories import cart_with
from commerce.orders import providers
from commerce.pricing.context import PriceContext
from commerce.pricing.tests.factories import make_company, make_user

from .flow import priced as summarize_cart

D = Decimal


@pytest.fixture(autouse=True)
def zone_rates_only():
    """No shipping provider: the shipping zones' home deliveries at their prices."""
    with providers.replaced(shipping_methods=[]):
        yield


def shipping_vat(summary) -> dict[str, dict[str, str]]:
    return summary.totals.shipping_vat_breakdown


def test_german_consumer_with_only_reduced_rate_goods_pays_7_percent_on_shipping(shop):
    summary = summarize_cart(cart_with((shop.tea, 1)), PriceContext.retail())

    assert shipping_vat(summary) == {"7.00": {"net": "4.58", "vat": "0.32", "gross": "4.90"}}
    assert list(summary.totals.vat_breakdown) == ["7.00"]


def test_german_consumer_with_mixed_goods_splits_shipping_pro_rata(shop):
    # 30.00 net at 7 % (3 × 10.70) and 10.00 net at 19 % (11.90): 75 % / 25 % of 4.90.
    summary = summarize_cart(cart_with((shop.tea, 3), (shop.soap, 1)), PriceContext.retail())

    assert shipping_vat(summary) == {
        "19.00": {"net": "1.03", "vat": "0.20", "gross": "1.23"},
        "7.00": {"net": "3.43", "vat": "0.24", "gross": "3.67"},
    }
    assert summary.totals.vat_breakdown == {
        "19.00": {"net": "11.03", "vat": "2.10", "gross": "13.13"},
        "7.00": {"net": "33.43", "vat": "2.34", "gross": "35.77"},
    }
    assert (summary.totals.shipping_gross, summary.totals.total_gross) == (D("4.90"), D("48.90"))


@pytest.mark.parametrize(
    ("country", "rate", "net", "vat"),
    [("AT", "10.00", "9.00", "0.90"), ("NL", "9.00", "9.08", "0.82"), ("FR", "5.50", "9.38", "0.52")],
)
def test_eu_consumer_under_oss_pays_the_destination_food_rate_on_shipping(shop, country, rate, net, vat):
    summary = summarize_cart(cart_with((shop.tea, 1)), PriceContext.retail(delivery_country=country))

    assert shipping_vat(summary) == {rate: {"net": net, "vat": vat, "gross": "9.90"}}
    assert list(summary.totals.vat_breakdown) == [rate]


def test_reverse_charge_business_pays_no_vat_on_shipping(shop):
    company = make_company("Biomarkt Wien GmbH", country="AT", buyer=make_user("wien"))

    summary = summarize_cart(cart_with((shop.tea, 1)), PriceContext.for_company(company, delivery_country="AT"))

    # Listed 9.90 German gross → 8.32 net for businesses, 0 % VAT.
    assert shipping_vat(summary) == {"0.00": {"net": "8.32", "vat": "0.00", "gross": "8.32"}}
    assert summary.totals.total_vat == D("0.00")


def test_export_pays_no_vat_on_shipping(shop):
    summary = summarize_cart(cart_with((shop.tea, 1), (shop.soap, 1)), PriceContext.retail(delivery_country="CH"))

    assert shipping_vat(summary) == {"0.00": {"net": "16.72", "vat": "0.00", "gross": "16.72"}}
    assert summary.totals.total_vat == D("0.00")


def test_german_business_pays_net_shipping_plus_the_goods_rate(shop):
    company = make_company(buyer=make_user("berlin"))

    summary = summarize_cart(cart_with((shop.tea, 1)), PriceContext.for_company(company))

    assert shipping_vat(summary) == {"7.00": {"net": "4.12", "vat": "0.29", "gross": "4.41"}}
    assert summary.shipping.net == D("4.12")
