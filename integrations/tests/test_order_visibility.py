"""One visibility rule for every order URL: order pages, invoice, confirmation, payment pages, status JSON.

The rule (commerce.orders.access) follows the order's own company: the buyer and the approved
colleagues of the company the order was placed for see it; a buyer's private orders stay theirs;
a guest sees the orders placed in their session. Everyone else gets the same 404 everywhere.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commerce.companies.models import Company, CompanyMembership, CompanyStatus, PaymentTerms
from commerce.orders.access import PLACED_ORDERS_SESSION_KEY, can_view_order, orders_visible_to
from commerce.orders.services import mark_paid
from commerce.orders.tests.factories import make_variant, order_for
from testing.factories import CompanyFactory

pytestmark = pytest.mark.django_db

ON_ACCOUNT = {"payment_terms": PaymentTerms.INVOICE_NET_30, "credit_limit": Decimal("1000.00")}

# (url name, method, reachable by a guest through the placing session)
URLS = [
    ("orders:detail", "get", False),
    ("orders:invoice", "get", False),
    ("cart:reorder", "post", False),
    ("orders:confirmation", "get", True),
    ("payments:payment", "get", True),
    ("payments:start", "post", True),
    ("payments:return-success", "get", True),
    ("payments:return-decline", "get", True),
    ("payments:status", "get", True),
]


@pytest.fixture
def shop(django_user_model, django_capture_on_commit_callbacks):
    def user(name):
        return django_user_model.objects.create_user(name, f"{name}@example.com", "pw-123456789")

    people = {name: user(name) for name in ["owner", "colleague", "foreign_buyer", "other_customer"]}
    kontor, laden = (
        CompanyFactory(name="Kontor", vat_id="DE136695976", **ON_ACCOUNT),
        CompanyFactory(name="Laden", vat_id="DE129273398", **ON_ACCOUNT),
    )
    with django_capture_on_commit_callbacks(execute=True):
        # Placed privately before the owner became a buyer of Kontor: it never becomes Kontor's.
        private = order_for(make_variant(), user=people["owner"], email="owner@example.com")
        mark_paid(private, actor="system")
        CompanyMembership.objects.create(user=people["owner"], company=kontor)
        CompanyMembership.objects.create(user=people["colleague"], company=kontor)
        CompanyMembership.objects.create(user=people["foreign_buyer"], company=laden)
        company_order = order_for(
            make_variant(),
            user=people["owner"],
            email="einkauf@kontor.example",
            company=kontor,
            customer_kind="b2b",
            payment_method="invoice",
        )
        guest_order = order_for(make_variant(), email="gast@example.com")
    return {
        **people,
        "kontor": kontor,
        "laden": laden,
        "orders": {"company": company_order, "private": private, "guest": guest_order},
    }


def _client(shop, viewer: str) -> Client:
    client = Client()
    if viewer == "guest":
        session = client.session
        session[PLACED_ORDERS_SESSION_KEY] = [str(shop["orders"]["guest"].uuid)]
        session.save()
    elif viewer != "anonymous":
        client.force_login(shop[viewer])
    return client


def _ask(client, name: str, method: str, order):
    return getattr(client, method)(reverse(name, args=[order.uuid]))


VIEWERS = ["owner", "colleague", "foreign_buyer", "other_customer", "anonymous", "guest"]
SEES = {
    "company": {"owner", "colleague"},
    "private": {"owner"},
    "guest": {"guest"},
}


def _login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("order_key", sorted(SEES))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_order_url_gives_the_same_answer_to_the_same_viewer(shop, viewer, order_key):
    order = shop["orders"][order_key]
    client = _client(shop, viewer)
    signed_in = viewer not in ("anonymous", "guest")

    for name, method, by_session in URLS:
        response = _ask(client, name, method, order)

        if not signed_in and not by_session:
            assert _login_redirect(response), (name, response.status_code)
        elif viewer in SEES[order_key]:
            assert response.status_code in (200, 302), (name, response.status_code)
            assert not _login_redirect(response), name
        else:
            assert response.status_code == 404, (name, response.status_code)
            body = response.content.decode("latin-1")
            assert order.number not in body, name
            assert order.email not in body, name


@pytest.mark.parametrize("viewer", ["owner", "colleague"])
def test_owner_and_colleague_open_the_company_orders_pages_and_invoice(shop, viewer):
    order = shop["orders"]["company"]
    client = _client(shop, viewer)

    assert order.number in client.get(reverse("orders:detail", args=[order.uuid])).content.decode()
    assert client.get(reverse("orders:invoice", args=[order.uuid]))["Content-Type"] == "application/pdf"
    assert client.get(reverse("payments:status", args=[order.uuid])).json()["status"] == order.status
    assert order in orders_visible_to(shop[viewer])


def test_a_buyers_private_order_never_reaches_the_colleagues_history(shop):
    client = _client(shop, "colleague")

    history = client.get(reverse("orders:history")).content.decode()

    assert shop["orders"]["company"].number in history
    assert shop["orders"]["private"].number not in history
    assert not can_view_order(shop["colleague"], shop["orders"]["private"])


def test_what_decides_is_the_orders_company_not_the_buyers_current_one(shop):
    order = shop["orders"]["company"]
    CompanyMembership.objects.filter(user=shop["owner"]).update(company=shop["laden"])  # the buyer moves on

    assert can_view_order(shop["owner"], order)  # their own order
    assert can_view_order(shop["colleague"], order)  # still Kontor's
    assert not can_view_order(shop["foreign_buyer"], order)  # the buyer's new colleagues do not get it
    for name, method, _by_session in URLS:
        assert _ask(_client(shop, "foreign_buyer"), name, method, order).status_code == 404, name


def test_colleagues_of_a_company_no_longer_approved_see_only_their_own_orders(shop):
    order = shop["orders"]["company"]
    Company.objects.filter(pk=shop["kontor"].pk).update(status=CompanyStatus.REJECTED)

    assert can_view_order(shop["owner"], order)
    assert not can_view_order(shop["colleague"], order)
    assert _ask(_client(shop, "colleague"), "payments:payment", "get", order).status_code == 404


def test_a_guest_session_opens_only_its_own_order(shop):
    client = _client(shop, "guest")

    assert client.get(reverse("payments:status", args=[shop["orders"]["guest"].uuid])).status_code == 200
    assert client.get(reverse("payments:status", args=[shop["orders"]["private"].uuid])).status_code == 404
