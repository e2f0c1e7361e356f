"""The priced checkout: one set of totals (subtotal, discount, shipping, VAT per rate, total) for every page."""

from __future__ import annotations

from decimal import Decimal

from commerce.cart.tests.factories import anonymous, cart_with
from commerce.pricing.context import PriceContext

from .flow import priced as summarize_cart


def test_totals_per_rate_and_overall_add_up(shop):
    cart = cart_with((shop.soap, 2), (shop.tea, 1))  # 23.80 @19 %, 10.70 @7 %

    summary = summarize_cart(cart, anonymous())

    totals, shown = summary.totals, summary.shown
    assert (shown.subtotal, shown.discount, shown.shipping) == (Decimal("34.50"), Decimal("0.00"), Decimal("4.90"))
    assert totals.total_gross == shown.total_gross == Decimal("39.40")
    assert sum(row.net + row.vat for row in shown.vat_rows) == totals.total_gross
    assert totals.total_net + totals.total_vat == totals.total_gross
    assert [row.rate for row in shown.vat_rows] == [Decimal("19.00"), Decimal("7.00")]


def test_free_shipping_from_the_threshold(shop):
    cart = cart_with((shop.soap, 5))  # 59.50 gross

    summary = summarize_cart(cart, anonymous())

    assert summary.shipping.gross == Decimal("0.00")
    assert summary.totals.total_gross == Decimal("59.50")


def test_shipping_estimate_follows_the_delivery_country(shop):
    cart = cart_with((shop.soap, 1))

    summary = summarize_cart(cart, PriceContext.retail(delivery_country="AT"))

    assert summary.shipping.gross == Decimal("9.90")
    assert summary.totals.shipping_vat_breakdown == {"20.00": {"net": "8.25", "vat": "1.65", "gross": "9.90"}}
