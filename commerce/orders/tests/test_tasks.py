from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import ProductVariant
from commerce.orders.models import Order, OrderEvent, OrderStatus
from commerce.orders.services import mark_paid
from commerce.orders.tasks import expire_unpaid_orders

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


def age(order, hours):
    Order.objects.filter(pk=order.pk).update(placed_at=timezone.now() - timedelta(hours=hours))


def test_unpaid_order_older_than_timeout_is_cancelled_and_stock_released(settings):
    settings.ORDER_PAYMENT_TIMEOUT_HOURS = 48
    variant = make_variant(stock=5)
    order = order_for(variant, 2)
    age(order, 49)

    assert expire_unpaid_orders() == 1

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 5
    event = OrderEvent.objects.get(order=order, to_status="cancelled")
    assert (event.actor_label, event.note) == ("system", "Payment not received within 48 hours.")


def test_recent_and_paid_orders_are_left_alone(settings):
    settings.ORDER_PAYMENT_TIMEOUT_HOURS = 48
    recent = order_for(make_variant())
    age(recent, 47)
    paid = order_for(make_variant())
    mark_paid(paid)
    age(paid, 100)

    assert expire_unpaid_orders() == 0

    assert Order.objects.get(pk=recent.pk).status == OrderStatus.PENDING_PAYMENT
    assert Order.objects.get(pk=paid.pk).status == OrderStatus.PAID


def test_expiry_runs_twice_without_effect(settings):
    settings.ORDER_PAYMENT_TIMEOUT_HOURS = 1
    variant = make_variant(stock=5)
    age(order_for(variant, 2), 2)
    expire_unpaid_orders()

    assert expire_unpaid_orders() == 0
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 5
