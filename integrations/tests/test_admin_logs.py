"""Staff can read the provider logs in the Wagtail admin, and cannot edit them."""

from decimal import Decimal

import pytest

from integrations.models import PaymentNotificationLog


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("ops", "ops@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def refused(db):
    return PaymentNotificationLog.objects.create(
        provider="vendo",
        event_id="70000001",
        reference="NW-10042",
        amount=Decimal("0.01"),
        currency="EUR",
        rejection_code="amount_mismatch",
        rejection_reason="amount 0.01 does not match the expected 49.90",
    )


def test_payment_notification_listing_shows_refusals(staff_client, refused):
    response = staff_client.get("/admin/payment_notifications/")

    assert response.status_code == 200
    assert b"amount_mismatch" in response.content


def test_payment_notification_inspect_view_shows_the_reason(staff_client, refused):
    response = staff_client.get(f"/admin/payment_notifications/inspect/{refused.pk}/")

    assert response.status_code == 200
    assert b"does not match the expected 49.90" in response.content


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_payment_notifications_cannot_be_edited_or_deleted(staff_client, refused, view):
    response = staff_client.post(f"/admin/payment_notifications/{view}/{refused.pk}/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert PaymentNotificationLog.objects.filter(pk=refused.pk, reference="NW-10042").exists()


def test_shipping_webhook_listing_renders(staff_client):
    assert staff_client.get("/admin/shipping_webhooks/").status_code == 200
