"""Order actions send their own customer email, once per transition, whoever calls them."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from commerce.notifications.models import Notification
from commerce.orders.models import OrderStatus
from commerce.orders.services import IllegalTransition, cancel_order, mark_delivered, mark_paid, mark_shipped

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bank(settings, document_roots):
    settings.PREPAYMENT_BANK_ACCOUNT = {"holder": "Naturwest GmbH", "iban": "DE02120300000000202051", "bic": "BYLA"}


@pytest.fixture
def staff_client(client, django_user_model):
    """Operations staff: may open the admin and change orders, nothing more."""
    user = django_user_model.objects.create_user("ops", "ops@naturwest.example", "pw-ops-12345", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_order"),
        Permission.objects.get(codename="change_order"),
    )
    client.force_login(user)
    return client


def _post(client, order, action, data=None):
    response = client.post(reverse("orders_order:action", args=[order.pk, action]), data or {})
    assert response.status_code == 302
    return response


def _paid_order(capture, **kwargs):
    with capture(execute=True):
        order = order_for(make_variant(), email="erika@example.com", **kwargs)
        mark_paid(order, actor="system")
    mail.outbox.clear()
    return order


def _mails_to_buyer(order):
    return [message for message in mail.outbox if message.to == [order.email]]


def test_staff_marking_shipped_sends_one_email_in_the_order_language(staff_client, django_capture_on_commit_callbacks):
    order = _paid_order(django_capture_on_commit_callbacks, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, order, "mark_shipped", {"tracking_number": "TN-4711"})

    [message] = _mails_to_buyer(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    assert message.subject == f"Your order {order.number} is on its way"
    assert "TN-4711" in message.body


def test_staff_marking_delivered_sends_one_email_in_the_order_language(
    staff_client, django_capture_on_commit_callbacks
):
    order = _paid_order(django_capture_on_commit_callbacks, language="de")
    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, order, "mark_shipped")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, order, "mark_delivered")

    [message] = _mails_to_buyer(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert message.subject == f"Ihre Bestellung {order.number} wurde zugestellt"


def test_marking_shipped_twice_is_refused_and_mails_once(staff_client, django_capture_on_commit_callbacks):
    order = _paid_order(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, order, "mark_shipped")
        _post(staff_client, order, "mark_shipped")  # a double click
        with pytest.raises(IllegalTransition):
            mark_shipped(order, actor="sendcloud")  # the carrier's webhook, late

    assert len(_mails_to_buyer(order)) == 1
    assert Notification.objects.filter(order=order, kind="order_shipped").count() == 1


def test_marking_delivered_twice_mails_once(django_capture_on_commit_callbacks):
    order = _paid_order(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        mark_shipped(order, actor="system")
        mark_delivered(order, actor="system")
        with pytest.raises(IllegalTransition):
            mark_delivered(order, actor="system")

    kinds = sorted(message.subject.split()[-1] for message in _mails_to_buyer(order))
    assert kinds == ["unterwegs", "zugestellt"]


def test_staff_cancelling_sends_a_cancellation_email(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(make_variant(), email="erika@example.com", language="de")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _post(staff_client, order, "cancel", {"note": "Kunde hat angerufen"})
        _post(staff_client, order, "cancel")

    [message] = _mails_to_buyer(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert message.subject == f"Ihre Bestellung {order.number} wurde storniert"
    assert "erstatten" not in message.body  # nothing was paid, nothing to refund
    assert "Kunde hat angerufen" not in message.body  # staff notes stay internal


def test_cancelling_a_paid_order_announces_the_refund(django_capture_on_commit_callbacks):
    order = _paid_order(django_capture_on_commit_callbacks, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order, actor="system")

    [message] = _mails_to_buyer(order)
    assert message.subject == f"Your order {order.number} has been cancelled"
    assert "refund the amount you paid" in message.body


def test_a_rolled_back_action_leaves_no_email(django_capture_on_commit_callbacks):
    order = _paid_order(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        from django.db import transaction

        with transaction.atomic():
            mark_shipped(order, actor="system")
            raise RuntimeError("the caller's transaction fails after the action")

    assert _mails_to_buyer(order) == []
    assert not Notification.objects.filter(order=order, kind="order_shipped").exists()
