"""Races on PostgreSQL: duplicate postbacks against real orders, two staff members refunding at once."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from django.db import connections

from commerce.orders.models import OrderEvent, OrderStatus
from integrations.payments import services
from integrations.payments.models import PaymentTransaction, TransactionKind
from integrations.tests.shop import pay, vendo_order

pytestmark = pytest.mark.django_db(transaction=True)


def test_racing_duplicate_postbacks_mark_the_order_paid_once(postgres, shop, vendo_sandbox):
    order = vendo_order()
    pay(order)
    fields = vendo_sandbox.postback_fields(next(iter(vendo_sandbox.transactions)))

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(lambda _: requests.post(vendo_sandbox.postback_url, data=fields, timeout=10), range(10))
        )

    assert {a.status_code for a in answers} == {200}
    assert OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID).count() == 1
    assert PaymentTransaction.objects.filter(kind=TransactionKind.POSTBACK).count() == 1


def test_two_full_refunds_at_once_refund_the_money_once(postgres, shop):
    order = vendo_order()
    pay(order)

    def refund(_):
        try:
            return services.refund(order, None, actor="staff").status
        except services.RefundNotAllowed:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(refund, range(2)))

    order.refresh_from_db()
    assert outcomes == ["refused", "succeeded"]
    assert order.status == OrderStatus.REFUNDED
    assert services.refundable_amount(order) == Decimal("0.00")
