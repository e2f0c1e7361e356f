import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from commerce.orders.models import Order, OrderEvent, OrderStatus

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(django_user_model):
    """Staff who may look at orders but not act on them."""
    user = django_user_model.objects.create_user("viewer", "viewer@example.com", "pw-viewer-123", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_order")
    )
    return user


def test_order_list_filters_by_status(admin_client):
    paid = order_for(make_variant())
    Order.objects.filter(pk=paid.pk).update(status=OrderStatus.PAID)
    pending = order_for(make_variant())

    response = admin_client.get(reverse("orders_order:index"), {"status": "paid"})

    assert response.status_code == 200
    html = response.content.decode()
    assert paid.number in html
    assert pending.number not in html


def test_order_list_searches_number_email_and_company(admin_client):
    wanted = order_for(make_variant(), email="b2b@bio.example", company_name="Bio Kontor GmbH")
    other = order_for(make_variant(), email="someone@example.com")

    html = admin_client.get(reverse("orders_order:index"), {"q": "Kontor"}).content.decode()

    assert wanted.number in html
    assert other.number not in html


def test_inspect_shows_lines_totals_and_events(admin_client):
    variant = make_variant(stock=5)
    order = order_for(variant, 2)

    html = admin_client.get(reverse("orders_order:inspect", args=[order.pk])).content.decode()

    assert variant.sku in html
    assert "23,80" in html or "23.80" in html
    assert "guest: erika@example.com" in html


def test_staff_marks_an_order_paid_and_is_recorded_as_actor(admin_client, admin_user):
    order = order_for(make_variant())

    response = admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_paid"]), {"note": "SEPA in"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    event = OrderEvent.objects.get(order=order, to_status="paid")
    assert (event.actor, event.note) == (admin_user, "SEPA in")


def test_staff_marks_shipped_with_tracking_number(admin_client):
    order = order_for(make_variant())
    admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_paid"]))

    admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_shipped"]), {"tracking_number": "TN1"})

    order.refresh_from_db()
    assert (order.status, order.tracking_number) == (OrderStatus.SHIPPED, "TN1")


def test_illegal_action_changes_nothing(admin_client):
    order = order_for(make_variant())

    admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_shipped"]), {"tracking_number": "X"})

    order.refresh_from_db()
    assert (order.status, order.tracking_number) == (OrderStatus.PENDING_PAYMENT, "")


def test_viewer_sees_orders_but_cannot_act(client, viewer):
    order = order_for(make_variant())
    client.force_login(viewer)

    assert client.get(reverse("orders_order:inspect", args=[order.pk])).status_code == 200
    response = client.post(reverse("orders_order:action", args=[order.pk, "cancel"]), {"note": "x"})

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))  # Wagtail's denial
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING_PAYMENT


def test_orders_cannot_be_edited_as_forms_even_by_superusers(admin_client):
    order = order_for(make_variant())

    response = admin_client.post(reverse("orders_order:edit", args=[order.pk]), {"email": "evil@example.com"})

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert Order.objects.get(pk=order.pk).email == "erika@example.com"


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_inspect_queries_do_not_grow_with_lines_and_events(admin_client):
    from commerce.orders.services import add_note, place_order

    from .factories import ADDRESS, DHL, priced_line

    small = order_for(make_variant())
    big = place_order(
        idempotency_key="big",
        email="big@example.com",
        lines=[priced_line(make_variant()) for _ in range(4)],
        shipping_address=ADDRESS,
        shipping=DHL,
        payment_method="prepayment",
    )
    for n in range(3):
        add_note(big, note=f"note {n}")
    _queries_for(admin_client, reverse("orders_order:inspect", args=[small.pk]))  # warm caches

    assert _queries_for(admin_client, reverse("orders_order:inspect", args=[big.pk])) == _queries_for(
        admin_client, reverse("orders_order:inspect", args=[small.pk])
    )


def test_order_list_queries_do_not_grow_with_orders(admin_client):
    order_for(make_variant())
    url = reverse("orders_order:index")
    _queries_for(admin_client, url)
    few = _queries_for(admin_client, url)
    for _ in range(5):
        order_for(make_variant())

    assert _queries_for(admin_client, url) == few
