"""Operations runs orders but not pages; Marketing edits pages but sees no customer data."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from commerce.orders.staff_groups import MARKETING, OPERATIONS, setup_staff_groups

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def groups(demo_site):
    """The data migration made them, but an earlier transactional test may have flushed the tables."""
    from django.apps import apps

    setup_staff_groups(apps)


@pytest.fixture
def staff(django_user_model, client):
    def login_as(group_name):
        user = django_user_model.objects.create_user(group_name.lower(), f"{group_name}@x.example", "pw-123456789")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return client

    return login_as


@pytest.fixture
def page(demo_site):
    return demo_site.root_page


def test_operations_opens_the_orders_admin(staff):
    order = order_for(make_variant())
    client = staff(OPERATIONS)

    assert client.get(reverse("orders_order:index")).status_code == 200
    assert client.get(reverse("orders_order:inspect", args=[order.pk])).status_code == 200


def test_operations_opens_companies_and_notifications(staff):
    client = staff(OPERATIONS)

    assert client.get(reverse("wagtailsnippets_accounts_company:list")).status_code == 200
    assert client.get(reverse("notifications_notification:index")).status_code == 200


def test_operations_cannot_edit_pages(staff, page):
    client = staff(OPERATIONS)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code in (302, 403)


def test_marketing_edits_pages(staff, page):
    client = staff(MARKETING)

    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["orders_order:index", "wagtailsnippets_accounts_company:list", "notifications_notification:index"],
)
def test_marketing_sees_no_customer_data(staff, url_name):
    order_for(make_variant(), email="secret-customer@example.com")
    client = staff(MARKETING)

    response = client.get(reverse(url_name))

    assert response.status_code in (302, 403)
    assert "secret-customer@example.com" not in response.content.decode()


def test_marketing_may_not_act_on_orders(staff):
    order = order_for(make_variant())
    client = staff(MARKETING)

    response = client.post(reverse("orders_order:action", args=[order.pk, "mark_paid"]))

    order.refresh_from_db()
    assert response.status_code in (302, 403)
    assert order.paid_at is None


def test_groups_have_no_cross_permissions():
    marketing = set(Group.objects.get(name=MARKETING).permissions.values_list("content_type__app_label", flat=True))

    assert marketing.isdisjoint({"orders", "accounts", "customers", "notifications", "pricing"})
    assert Page.objects.filter(group_permissions__group__name=OPERATIONS).count() == 0
