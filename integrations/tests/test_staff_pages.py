"""Staff pages for an order's payments and parcels: visible to order viewers, actions for order managers."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from integrations.payments.models import PaymentTransaction
from integrations.tests.shop import vendo_order

pytestmark = pytest.mark.django_db


def staff_with(*codenames):
    user = get_user_model().objects.create_user("ops", "ops@naturwest.example", "pw", is_staff=True)
    # Not "Operations": a data migration already creates that group with its own permissions.
    group = Group.objects.create(name="Payments test staff")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="orders", codename__in=codenames),
    )
    user.groups.add(group)
    return user


def test_order_viewers_see_the_payments_page_without_actions(client):
    order = vendo_order()
    client.force_login(staff_with("view_order"))

    response = client.get(reverse("integrations_order_payments", args=[order.pk]))

    assert response.status_code == 200
    assert order.number in response.text
    assert "Paket und Etikett erstellen" not in response.text  # "Create parcel and label" (admin renders German)
    assert "Create parcel and label" not in response.text


def test_order_managers_get_the_actions(client):
    order = vendo_order()
    client.force_login(staff_with("view_order", "change_order"))

    response = client.get(reverse("integrations_order_payments", args=[order.pk]))

    assert "Paket und Etikett erstellen" in response.text  # "Create parcel and label" (admin renders German)


def test_viewers_cannot_refund(client):
    order = vendo_order()
    client.force_login(staff_with("view_order"))

    response = client.post(reverse("integrations_order_refund", args=[order.pk]), {"amount": "1"})

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert PaymentTransaction.objects.count() == 0


def test_the_order_page_links_to_payments_and_shipping(client):
    order = vendo_order()
    client.force_login(get_user_model().objects.create_superuser("admin2", "a@example.com", "pw"))

    response = client.get(reverse("orders_order:inspect", args=[order.pk]))

    assert reverse("integrations_order_payments", args=[order.pk]) in response.text
