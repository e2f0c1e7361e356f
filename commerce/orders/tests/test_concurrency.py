"""Real concurrency on PostgreSQL: threads, each with its own connection, in transactional tests.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/naturwest_orders .venv/bin/pytest commerce/orders -q
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, transaction

from catalog.models import ProductVariant
from commerce.orders import stock
from commerce.orders.models import Order, OrderEvent, OrderStatus
from commerce.orders.numbering import next_number
from commerce.orders.services import cancel_order
from commerce.orders.state import IllegalTransition
from commerce.orders.stock import InsufficientStock
from testing.concurrency import compete_after_lock, run_concurrently

from .factories import make_variant, order_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_buyers_racing_for_ten_units_get_exactly_ten_orders(postgres):
    variant = make_variant(stock=10)

    results = run_concurrently(50, lambda i: order_for(variant, 1, email=f"buyer{i}@example.com"))

    orders = [value for kind, value in results if kind == "ok"]
    errors = [value for kind, value in results if kind == "error"]
    assert len(orders) == 10
    assert len(errors) == 40
    assert all(isinstance(error, InsufficientStock) for error in errors)
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 0
    assert Order.objects.count() == 10
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert [int(number.rsplit("-", 1)[1]) for number in numbers] == list(range(1, 11))


def test_double_submitted_checkout_makes_one_order(postgres):
    variant = make_variant(stock=10)
    key = uuid.uuid4().hex

    results = run_concurrently(10, lambda i: order_for(variant, 2, key=key).pk)

    assert {kind for kind, _ in results} == {"ok"}
    assert len({pk for _, pk in results}) == 1
    assert Order.objects.count() == 1
    assert OrderEvent.objects.filter(type="placed").count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 8


def test_double_submit_for_the_last_units_still_returns_the_order(postgres):
    variant = make_variant(stock=2)
    key = uuid.uuid4().hex

    results = run_concurrently(10, lambda i: order_for(variant, 2, key=key).pk)

    assert {kind for kind, _ in results} == {"ok"}
    assert Order.objects.count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 0


def test_twenty_threads_numbering_get_distinct_consecutive_numbers(postgres):
    def allocate(i):
        with transaction.atomic():
            return next_number("order", 2026)

    results = run_concurrently(20, allocate)

    assert {kind for kind, _ in results} == {"ok"}
    assert sorted(number for _, number in results) == [f"NW-2026-{n:06d}" for n in range(1, 21)]


def test_concurrent_cancellations_release_stock_once(postgres):
    variant = make_variant(stock=10)
    order = order_for(variant, 4)

    results = run_concurrently(10, lambda i: cancel_order(Order.objects.get(pk=order.pk), actor=f"t{i}"))

    assert sum(kind == "ok" for kind, _ in results) == 1
    assert all(isinstance(value, IllegalTransition) for kind, value in results if kind == "error")
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 10
    assert OrderEvent.objects.filter(order=order, type="stock_released").count() == 1
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_a_competitor_arriving_between_check_and_decrement_waits_and_then_sees_no_stock(postgres, monkeypatch):
    """Saleor-style race injection: run a competing order at the worst moment, deterministically."""
    variant = make_variant(stock=1)
    competitor_result: list = []
    competitor_blocked: list[bool] = []
    rivals: list[threading.Thread] = []

    def competitor():
        try:
            competitor_result.append(order_for(variant, 1, email="rival@example.com"))
        except Exception as exc:
            competitor_result.append(exc)
        finally:
            connection.close()

    def start_competitor():
        rival = threading.Thread(target=competitor)
        rival.start()
        rival.join(timeout=1.0)
        competitor_blocked.append(rival.is_alive())  # it must wait on our row lock
        rivals.append(rival)

    # Our allocation has locked and read the variant; the rival starts before we check and decrement.
    compete_after_lock(stock, "variants_for_update", start_competitor, monkeypatch)

    mine = order_for(variant, 1, email="first@example.com")
    rivals[0].join(timeout=30)

    assert competitor_blocked == [True]
    assert mine.status == OrderStatus.PENDING_PAYMENT
    assert len(competitor_result) == 1
    assert isinstance(competitor_result[0], InsufficientStock)
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 0
    assert Order.objects.count() == 1
