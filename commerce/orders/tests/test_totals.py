from decimal import Decimal

import pytest

from commerce.orders.totals import PricedLine, ShippingChoice, compute_totals

D = Decimal


def line(sku, qty, net, gross, rate, discount="0"):
    return PricedLine(
        variant_id=1,
        sku=sku,
        product_title=sku,
        variant_label="",
        quantity=qty,
        unit_net=D(net),
        unit_gross=D(gross),
        vat_rate=D(rate),
        discount_gross=D(discount),
    )


SHIP = ShippingChoice(code="dhl", name="DHL", net=D("4.19"), gross=D("4.99"))
FREE = ShippingChoice(code="dhl", name="DHL", net=D(0), gross=D(0))


def test_gross_prices_take_vat_out_of_each_line_and_add_up_per_rate():
    lines = [line("SOAP", 3, "10.00", "11.90", 19), line("TEA", 1, "5.00", "5.35", 7)]

    totals = compute_totals(lines, SHIP, prices_include_vat=True)

    assert [(a.net, a.vat, a.gross) for a in totals.lines] == [
        (D("30.00"), D("5.70"), D("35.70")),
        (D("5.00"), D("0.35"), D("5.35")),
    ]
    # Shipping 4.99 split 30 : 5 by goods net: 0.71 at 7 %, the remainder 4.28 at 19 %.
    assert totals.shipping_vat_breakdown == {
        "19.00": {"net": "3.60", "vat": "0.68", "gross": "4.28"},
        "7.00": {"net": "0.66", "vat": "0.05", "gross": "0.71"},
    }
    assert totals.vat_breakdown == {
        "19.00": {"net": "33.60", "vat": "6.38", "gross": "39.98"},
        "7.00": {"net": "5.66", "vat": "0.40", "gross": "6.06"},
    }
    assert (totals.subtotal_gross, totals.shipping_gross, totals.total_gross) == (D("41.05"), D("4.99"), D("46.04"))
    assert (totals.total_net, totals.total_vat) == (D("39.26"), D("6.78"))


def test_net_prices_add_vat_to_each_line():
    totals = compute_totals([line("SOAP", 48, "6.90", "8.21", 19)], FREE, prices_include_vat=False)

    assert (totals.total_net, totals.total_vat, totals.total_gross) == (D("331.20"), D("62.93"), D("394.13"))
    assert totals.vat_breakdown == {"19.00": {"net": "331.20", "vat": "62.93", "gross": "394.13"}}


def test_rounding_is_half_up_per_line():
    # 1.00 gross at 7 %: net 0.934579… → 0.93; 0.005 cases round up.
    totals = compute_totals([line("X", 1, "0.93", "1.00", 7)], FREE, prices_include_vat=True)
    assert (totals.total_net, totals.total_vat) == (D("0.93"), D("0.07"))
    totals = compute_totals([line("Y", 1, "0.05", "0.06", 10)], FREE, prices_include_vat=False)
    assert totals.total_vat == D("0.01")  # 0.005 → 0.01


def test_discount_reduces_the_line_and_is_reported():
    totals = compute_totals([line("SOAP", 2, "10.00", "11.90", 19, discount="3.80")], FREE, prices_include_vat=True)

    assert (totals.subtotal_gross, totals.discount_gross, totals.total_gross) == (D("20.00"), D("3.80"), D("20.00"))
    assert totals.total_net + totals.total_vat == totals.total_gross


def test_discount_larger_than_the_line_is_refused():
    with pytest.raises(ValueError, match="discount exceeds"):
        compute_totals([line("SOAP", 1, "10.00", "11.90", 19, discount="12.00")], FREE, prices_include_vat=True)


def test_reverse_charge_lines_at_zero_percent_carry_no_vat():
    totals = compute_totals([line("SOAP", 10, "6.90", "6.90", 0)], FREE, prices_include_vat=False)

    assert (totals.total_net, totals.total_vat, totals.total_gross) == (D("69.00"), D("0.00"), D("69.00"))


def test_free_shipping_adds_no_vat_row():
    totals = compute_totals([line("TEA", 1, "5.00", "5.35", 7)], FREE, prices_include_vat=True)

    assert list(totals.vat_breakdown) == ["7.00"]


@pytest.mark.parametrize("qty", [0, -1])
def test_non_positive_quantity_is_refused(qty):
    with pytest.raises(ValueError, match="quantity"):
        compute_totals([line("SOAP", qty, "10.00", "11.90", 19)], FREE, prices_include_vat=True)
