"""IDOR matrix: every customer-facing order URL, for every kind of stranger, leaks nothing."""

import pytest
from django.urls import reverse

from commerce.companies.models import CompanyMembership
from commerce.orders.services import mark_paid
from testing.factories import CompanyFactory

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db

URLS = ["orders:detail", "orders:invoice", "orders:confirmation", "cart:reorder"]


@pytest.fixture
def people(django_user_model):
    def user(name):
        return django_user_model.objects.create_user(name, f"{name}@example.com", "pw-123456789")

    everyone = {name: user(name) for name in ["owner", "other_b2c", "buyer", "colleague", "foreign_buyer"]}
    company_a = CompanyFactory(name="Kontor", vat_id="DE136695976")
    company_b = CompanyFactory(name="Laden", vat_id="DE129273398")
    CompanyMembership.objects.create(user=everyone["buyer"], company=company_a)
    CompanyMembership.objects.create(user=everyone["colleague"], company=company_a)
    CompanyMembership.objects.create(user=everyone["foreign_buyer"], company=company_b)
    everyone["company_a"] = company_a
    return everyone


@pytest.fixture
def orders(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b2c = order_for(make_variant(), user=people["owner"], email="owner@example.com")
        b2b = order_for(make_variant(), user=people["buyer"], email="buyer@example.com", company=people["company_a"])
        mark_paid(b2c, actor="system")
        mark_paid(b2b, actor="system")
    return {"b2c": b2c, "b2b": b2b}


@pytest.fixture(autouse=True)
def fake_cart(monkeypatch):
    """Records which orders the re-order view hands to the cart (the cart's own tests cover the adding)."""
    calls = []

    def add_order_lines(cart, order, context):
        calls.append(order.pk)
        return 1, []

    monkeypatch.setattr("commerce.cart.views.add_order_lines", add_order_lines)
    return calls


def _request(client, name, order):
    url = reverse(name, args=[order.uuid])
    if name == "cart:reorder":
        return client.post(url)
    return client.get(url)


STRANGERS = [
    ("b2c", None),
    ("b2c", "other_b2c"),
    ("b2c", "buyer"),
    ("b2c", "foreign_buyer"),
    ("b2b", None),
    ("b2b", "other_b2c"),
    ("b2b", "owner"),
    ("b2b", "foreign_buyer"),
]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(("order_key", "stranger"), STRANGERS)
def test_strangers_get_not_found_or_login_and_no_data(client, people, orders, fake_cart, name, order_key, stranger):
    order = orders[order_key]
    if stranger:
        client.force_login(people[stranger])

    response = _request(client, name, order)

    if stranger is None and name != "orders:confirmation":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404
    body = response.content.decode("latin-1")
    assert order.number not in body
    assert order.email not in body
    assert fake_cart == []


OWNERS = [("b2c", "owner"), ("b2b", "buyer"), ("b2b", "colleague")]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(("order_key", "viewer"), OWNERS)
def test_owner_and_company_colleague_may_open(client, people, orders, fake_cart, name, order_key, viewer):
    order = orders[order_key]
    client.force_login(people[viewer])

    response = _request(client, name, order)

    if name == "cart:reorder":
        assert response.status_code == 302
        assert fake_cart == [order.pk]
    elif name == "orders:invoice":
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code == 200
        assert order.number in response.content.decode()


@pytest.mark.parametrize("name", ["orders:detail", "orders:confirmation", "orders:invoice"])
def test_order_pages_are_private(client, people, orders, name):
    client.force_login(people["owner"])

    response = client.get(reverse(name, args=[orders["b2c"].uuid]))

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_guest_sees_confirmation_of_order_placed_in_session(client):
    order = order_for(make_variant(), email="guest@example.com")
    session = client.session
    session["placed_orders"] = [str(order.uuid)]
    session.save()

    response = client.get(reverse("orders:confirmation", args=[order.uuid]))

    assert response.status_code == 200
    assert order.number in response.content.decode()


def test_guest_session_does_not_open_other_orders(client):
    mine = order_for(make_variant(), email="guest@example.com")
    other = order_for(make_variant(), email="other@example.com")
    session = client.session
    session["placed_orders"] = [str(mine.uuid)]
    session.save()

    response = client.get(reverse("orders:confirmation", args=[other.uuid]))

    assert response.status_code == 404
    assert other.number not in response.content.decode()


def test_guest_session_does_not_open_detail(client):
    order = order_for(make_variant(), email="guest@example.com")
    session = client.session
    session["placed_orders"] = [str(order.uuid)]
    session.save()

    response = client.get(reverse("orders:detail", args=[order.uuid]))

    assert response.status_code == 302


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up: the first page view creates the site's shop/navigation settings rows
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_history_queries_do_not_grow_with_orders(client, people):
    client.force_login(people["owner"])
    variant = make_variant(stock=100)
    order_for(variant, user=people["owner"])
    few = _count_queries(client, reverse("orders:history"))
    for _ in range(4):
        order_for(variant, user=people["owner"])

    many = _count_queries(client, reverse("orders:history"))

    assert many == few


def test_detail_queries_do_not_grow_with_lines(client, people, orders):
    client.force_login(people["owner"])
    order = orders["b2c"]
    few = _count_queries(client, reverse("orders:detail", args=[order.uuid]))
    line = order.lines.get()
    for _ in range(3):
        line.pk = None
        line.save()

    many = _count_queries(client, reverse("orders:detail", args=[order.uuid]))

    assert many == few
