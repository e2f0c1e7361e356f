"""A payment webhook and a staff click issuing the same invoice at once: one invoice, one number."""

import pytest

from commerce.orders.invoices import issue_invoice
from commerce.orders.models import Invoice, NumberSequence, Order
from testing.concurrency import run_concurrently

from .factories import make_variant, order_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_ten_concurrent_issues_create_one_invoice(postgres, document_roots):
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")
    Invoice.objects.all().delete()
    NumberSequence.objects.filter(name="invoice").delete()

    results = run_concurrently(10, lambda i: issue_invoice(Order.objects.get(pk=order.pk)).number)

    numbers = {value for outcome, value in results if outcome == "ok"}
    assert [outcome for outcome, _ in results] == ["ok"] * 10
    assert len(numbers) == 1
    assert Invoice.objects.count() == 1
    assert NumberSequence.objects.get(name="invoice").last_value == 1
