"""Refunds of several orders at the same moment: every credit note gets its own, gap-free number."""

from decimal import Decimal

import pytest

from commerce.orders.credit_notes import issue_credit_note
from commerce.orders.models import CreditNote, NumberSequence, Order
from commerce.orders.services import mark_paid
from testing.concurrency import run_concurrently

from .factories import make_variant, order_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_refunds_get_distinct_consecutive_numbers(postgres, document_roots):
    orders = []
    for _ in range(4):
        order = order_for(make_variant(price="45.01"))
        mark_paid(order, actor="system")
        orders.append(order)
    NumberSequence.objects.filter(name="credit_note").delete()

    # Eight refunds: two partial refunds of each of four orders, all at once.
    def refund(i: int) -> str:
        order = Order.objects.get(pk=orders[i % 4].pk)
        return issue_credit_note(order, Decimal("10.00"), source=f"refund:{i}").number

    results = run_concurrently(8, refund)

    assert [outcome for outcome, _ in results] == ["ok"] * 8, results
    numbers = sorted(value for _, value in results)
    assert [number[-6:] for number in numbers] == [f"{n:06d}" for n in range(1, 9)]
    assert CreditNote.objects.count() == 8
    assert NumberSequence.objects.get(name="credit_note").last_value == 8


def test_the_same_refund_issued_concurrently_creates_one_credit_note(postgres, document_roots):
    order = order_for(make_variant(price="45.01"))
    mark_paid(order, actor="system")

    results = run_concurrently(
        6, lambda i: issue_credit_note(Order.objects.get(pk=order.pk), Decimal("10.00"), source="refund:1").number
    )

    assert [outcome for outcome, _ in results] == ["ok"] * 6, results
    assert len({value for _, value in results}) == 1
    assert CreditNote.objects.count() == 1
