"""shipping_vat: shipping follows the VAT of the goods, split pro rata, shares add up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commerce.pricing.vat import ShippingVatPart, shipping_vat

D = Decimal


def test_one_goods_rate_taxes_the_shipping_at_that_rate():
    assert shipping_vat(D("4.90"), {D("7"): D("10.00")}, includes_vat=True) == (
        ShippingVatPart(D("7.00"), D("4.58"), D("0.32"), D("4.90")),
    )


def test_mixed_rates_split_pro_rata_by_the_goods_net_value():
    # 30 € net at 7 %, 10 € net at 19 %: 75 % / 25 % of the shipping.
    parts = shipping_vat(D("4.00"), {D("7"): D("30.00"), D("19"): D("10.00")}, includes_vat=False)

    assert parts == (
        ShippingVatPart(D("19.00"), D("1.00"), D("0.19"), D("1.19")),
        ShippingVatPart(D("7.00"), D("3.00"), D("0.21"), D("3.21")),
    )


def test_the_rounding_remainder_goes_to_the_largest_goods_share():
    # 4.90 × 25 % = 1.225 → 1.23 at 19 %; the 7 % share takes the rest, 3.67.
    parts = shipping_vat(D("4.90"), {D("7"): D("30.00"), D("19"): D("10.00")}, includes_vat=True)

    assert [(p.rate, p.gross) for p in parts] == [(D("19.00"), D("1.23")), (D("7.00"), D("3.67"))]


def test_equal_goods_shares_give_the_remainder_to_the_higher_rate():
    # 0.05 × 50 % = 0.025 → 0.03 at 7 %; 19 % takes the remainder, 0.02.
    parts = shipping_vat(D("0.05"), {D("7"): D("10.00"), D("19"): D("10.00")}, includes_vat=True)

    assert [(p.rate, p.gross) for p in parts] == [(D("19.00"), D("0.02")), (D("7.00"), D("0.03"))]


def test_zero_rated_goods_make_the_shipping_zero_rated():
    # Reverse charge and exports: the goods are at 0 %, so is their shipping.
    assert shipping_vat(D("8.32"), {D("0"): D("69.00")}, includes_vat=False) == (
        ShippingVatPart(D("0.00"), D("8.32"), D("0.00"), D("8.32")),
    )


def test_free_shipping_has_no_shares():
    assert shipping_vat(D("0.00"), {D("19"): D("10.00")}, includes_vat=True) == ()


def test_goods_discounted_to_nothing_put_the_shipping_at_their_highest_rate():
    parts = shipping_vat(D("4.90"), {D("7"): D("0.00"), D("19"): D("0.00")}, includes_vat=True)

    assert [(p.rate, p.gross) for p in parts] == [(D("19.00"), D("4.90"))]


def test_shipping_without_goods_is_refused():
    with pytest.raises(ValueError, match="follows the goods"):
        shipping_vat(D("4.90"), {}, includes_vat=True)


cents = st.integers(min_value=0, max_value=10_000_00).map(lambda n: D(n) / 100)
rates = st.sampled_from([D("0"), D("3"), D("5.5"), D("7"), D("9"), D("10"), D("19"), D("20"), D("21")])


@given(amount=cents, goods=st.dictionaries(rates, cents.filter(lambda v: v > 0), min_size=1, max_size=4))
def test_the_shares_add_up_exactly_to_the_charge(amount, goods):
    gross_parts = shipping_vat(amount, goods, includes_vat=True)
    net_parts = shipping_vat(amount, goods, includes_vat=False)

    assert sum((p.gross for p in gross_parts), D("0.00")) == amount
    assert sum((p.net for p in net_parts), D("0.00")) == amount
    for part in (*gross_parts, *net_parts):
        assert part.net + part.vat == part.gross
        assert part.rate in {rate.quantize(D("0.01")) for rate in goods}
