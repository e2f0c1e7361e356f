"""Real races on PostgreSQL: buyers submit their checkouts at the same moment.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/naturwest_cart .venv/bin/pytest commerce/checkout -q
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from catalog.models import ProductVariant
from commerce.cart.models import Cart
from commerce.cart.tests.factories import make_code, make_shop
from commerce.companies.models import Company, CompanyMembership, PaymentTerms
from commerce.orders.credit import open_invoice_amount
from commerce.orders.models import Order
from commerce.orders.tests.factories import _root
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user
from commerce.promotions.models import PromoCode, PromoCodeUsage
from commerce.shipping.models import ShippingZone
from testing.concurrency import race

from .flow import add, place, to_review

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


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


def _invoice_company(shop, *, credit_limit: str, buyers: int):
    """An approved company on invoice terms whose soap costs 6.72 net = 8.00 € gross per order."""
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "6.72"})
    users = [make_user(f"einkauf{n}") for n in range(buyers)]
    company = make_company(price_list=price_list, buyer=users[0])
    for user in users[1:]:
        CompanyMembership.objects.create(user=user, company=company)
    Company.objects.filter(pk=company.pk).update(
        payment_terms=PaymentTerms.INVOICE_NET_30, credit_limit=Decimal(credit_limit)
    )
    return company, users


def test_ten_buyers_of_one_company_never_exceed_its_credit_limit(postgres, settings):
    ShippingZone.objects.update(business_free_from=Decimal("0"))  # each order is exactly its goods: 8.00 €
    shop = make_shop(_root())
    company, users = _invoice_company(shop, credit_limit="20.00", buyers=10)
    clients, submits = [], []
    for user in users:
        client = Client()
        client.force_login(user)
        add(client, shop.soap, 1)
        _review, token = to_review(client, email=user.email, payment="invoice")
        clients.append(client)
        submits.append(lambda client=client, token=token: place(client, token)["Location"])

    results = race(submits)

    assert [kind for kind, _ in results] == ["ok"] * 10
    orders = list(Order.objects.filter(company=company))
    assert len(orders) == 2
    assert open_invoice_amount(company) == Decimal("16.00")
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 18
    refused = [n for n, (_kind, location) in enumerate(results) if location == "/checkout/delivery/"]
    assert len(refused) == 8
    for n in refused:
        assert "übersteigt das verfügbare Kreditlimit" in clients[n].get("/checkout/delivery/").content.decode()
        assert Cart.objects.get(user=users[n]).lines.get().quantity == 1


def test_one_customer_placing_one_cart_from_two_sessions_makes_one_order(postgres):
    shop = make_shop(_root())
    customer = make_user("erika")
    sessions = []
    for _ in range(2):
        client = Client()
        client.force_login(customer)
        sessions.append(client)
    add(sessions[0], shop.soap, 2)
    tokens = [to_review(client, email=customer.email)[1] for client in sessions]
    assert tokens[0] != tokens[1]

    results = race([lambda c=c, t=t: place(c, t)["Location"] for c, t in zip(sessions, tokens, strict=True)])

    order = Order.objects.get()
    assert [kind for kind, _ in results] == ["ok", "ok"]
    assert {location for _, location in results} == {f"/order/{order.uuid}/confirmation/"}
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 18
    assert Cart.objects.get(user=customer).last_order == order
