from decimal import Decimal

import pytest

from catalog.models import ProductVariant
from commerce.orders.models import NumberSequence, Order, OrderEvent, OrderLine, OrderStatus
from commerce.orders.services import EmptyOrder, place_order
from commerce.orders.stock import InsufficientStock, VariantUnavailable

from .factories import ADDRESS, DHL, make_variant, order_for, priced_line

pytestmark = pytest.mark.django_db
D = Decimal


def place(lines, key="checkout-1", **kwargs):
    kwargs.setdefault("payment_method", "prepayment")
    return place_order(
        idempotency_key=key, email="erika@example.com", lines=lines, shipping_address=ADDRESS, shipping=DHL, **kwargs
    )


def test_place_order_stores_a_frozen_snapshot_of_every_line():
    variant = make_variant(stock=10, price="11.90")

    order = place([priced_line(variant, 3)])

    [line] = order.lines.all()
    assert (line.variant, line.sku, line.product_title, line.variant_label, line.quantity) == (
        variant,
        variant.sku,
        variant.product.title,
        "100 g",
        3,
    )
    assert (line.unit_net, line.unit_gross, line.vat_rate, line.pricing_rule) == (
        D("10.00"),
        D("11.90"),
        D("19.00"),
        "retail",
    )
    assert (line.line_net, line.line_vat, line.line_gross) == (D("30.00"), D("5.70"), D("35.70"))


def test_place_order_decrements_stock():
    variant = make_variant(stock=10)

    place([priced_line(variant, 3)])

    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 7


def test_place_order_stores_totals_addresses_shipping_and_number():
    variant = make_variant(stock=10, price="11.90")

    order = place([priced_line(variant, 3)], language="en")

    order.refresh_from_db()
    assert order.number.startswith("NW-") and order.number.endswith("-000001")
    assert (order.status, order.email, order.language, order.payment_method) == (
        OrderStatus.PENDING_PAYMENT,
        "erika@example.com",
        "en",
        "prepayment",
    )
    assert (order.subtotal_gross, order.shipping_gross, order.total_gross, order.total_vat) == (
        D("35.70"),
        D("4.99"),
        D("40.69"),
        D("6.50"),
    )
    assert order.shipping_address == ADDRESS
    assert order.billing_address == ADDRESS
    assert (order.shipping_method_code, order.shipping_method_name) == ("dhl", "DHL Paket")


def test_place_order_writes_a_placed_event():
    order = order_for(make_variant(), email="guest@example.com")

    [event] = OrderEvent.objects.filter(order=order)
    assert (event.type, event.to_status, event.actor_label) == ("placed", "pending_payment", "guest: guest@example.com")


def test_snapshot_survives_catalogue_changes():
    variant = make_variant(price="11.90")
    order = order_for(variant)

    ProductVariant.objects.filter(pk=variant.pk).update(retail_price=D("99.00"), sku="RENAMED")
    variant.delete()

    line = OrderLine.objects.get(order=order)
    assert (line.variant, line.unit_gross, line.sku) == (None, D("11.90"), order.lines.get().sku)
    assert line.sku != "RENAMED"


def test_invoice_orders_are_accepted_on_account_into_processing():
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b", company_name="Bio GmbH")

    assert (order.status, order.prices_include_vat, order.company_name) == (OrderStatus.PROCESSING, False, "Bio GmbH")


def test_insufficient_stock_writes_nothing_at_all():
    plenty, scarce = make_variant(stock=10), make_variant(stock=1)

    with pytest.raises(InsufficientStock) as excinfo:
        place([priced_line(plenty, 2), priced_line(scarce, 2)])

    assert str(excinfo.value) == f"Only 1 × {scarce.sku} left in stock (you asked for 2)."
    assert excinfo.value.available == 1
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0
    assert OrderEvent.objects.count() == 0
    assert ProductVariant.objects.get(pk=plenty.pk).stock_quantity == 10
    assert ProductVariant.objects.get(pk=scarce.pk).stock_quantity == 1
    assert not NumberSequence.objects.filter(last_value__gt=0).exists()


def test_the_same_variant_on_two_lines_counts_together():
    variant = make_variant(stock=3)

    with pytest.raises(InsufficientStock):
        place([priced_line(variant, 2), priced_line(variant, 2)])
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 3


def test_inactive_variant_is_refused():
    variant = make_variant(active=False)

    with pytest.raises(VariantUnavailable):
        place([priced_line(variant, 1)])
    assert Order.objects.count() == 0


def test_backorder_variant_may_go_below_zero():
    variant = make_variant(stock=1, backorder=True)

    place([priced_line(variant, 3)])

    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == -2


def test_same_idempotency_key_twice_returns_the_first_order():
    variant = make_variant(stock=10)

    first = place([priced_line(variant, 2)], key="tok")
    second = place([priced_line(variant, 2)], key="tok")

    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 8
    assert OrderEvent.objects.count() == 1


def test_an_empty_order_is_refused():
    with pytest.raises(EmptyOrder):
        place([])
    assert Order.objects.count() == 0


def test_public_id_is_a_random_uuid_not_the_number():
    first, second = order_for(make_variant()), order_for(make_variant())

    assert first.uuid != second.uuid
    assert str(first.uuid) not in (first.number, str(first.pk))
