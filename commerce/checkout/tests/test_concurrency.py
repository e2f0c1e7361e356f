"""Real races on PostgreSQL: 20 buyers submit their checkouts at the same moment.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/naturwest_cart .venv/bin/pytest commerce/checkout -q
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from catalog.models import ProductVariant
from commerce.cart.tests.factories import make_code, make_shop
from commerce.orders.models import Order
from commerce.orders.tests.factories import _root
from commerce.promotions.models import PromoCode, PromoCodeUsage

from .flow import add, place, to_review

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(callables) -> list:
    barrier = threading.Barrier(len(callables))
    results: list = [None] * len(callables)

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", callables[i]())
        except Exception as exc:
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(callables))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results


def test_twenty_buyers_racing_for_the_last_use_of_a_code_use_it_once(postgres):
    shop = make_shop(_root())
    code = make_code("LAST", value="10", usage_limit=5)
    PromoCode.objects.filter(pk=code.pk).update(times_used=4)
    submits = []
    for n in range(20):
        client = Client()
        add(client, shop.soap, 1)
        client.post("/cart/promo/", {"code": "LAST"})
        _review, token = to_review(client, email=f"buyer{n}@example.com")
        submits.append(lambda client=client, token=token: place(client, token)["Location"])

    results = race(submits)

    assert [kind for kind, _ in results] == ["ok"] * 20
    assert Order.objects.count() == 1
    assert PromoCode.objects.get(pk=code.pk).times_used == 5
    assert PromoCodeUsage.objects.count() == 1
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 19
    assert sorted(location for _, location in results).count("/cart/") == 19


def test_double_submitted_checkout_makes_one_order(postgres):
    shop = make_shop(_root())
    client = Client()
    add(client, shop.soap, 2)
    _review, token = to_review(client)

    results = race([lambda: place(client, token)["Location"] for _ in range(5)])

    assert Order.objects.count() == 1
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 18
    assert {kind for kind, _ in results} == {"ok"}
