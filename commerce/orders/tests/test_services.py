import pytest

from commerce.orders.models import Order, OrderEvent, OrderStatus
from commerce.orders.services import accept_on_account, add_note, mark_delivered, mark_paid, mark_shipped
from commerce.orders.state import IllegalTransition

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


def test_mark_paid_moves_prepayment_order_to_paid():
    order = order_for(make_variant())

    mark_paid(order, actor="staff: ops")

    assert (order.status, order.is_paid) == (OrderStatus.PAID, True)


def test_mark_paid_on_invoice_order_records_payment_without_changing_status():
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")
    mark_shipped(order, tracking_number="T1")

    mark_paid(order, actor="staff: ops")

    order.refresh_from_db()
    assert (order.status, order.is_paid) == (OrderStatus.SHIPPED, True)
    assert OrderEvent.objects.filter(order=order, type="invoice_paid").count() == 1


def test_invoice_cannot_be_paid_twice():
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")
    mark_paid(order)

    with pytest.raises(IllegalTransition):
        mark_paid(order)
    assert OrderEvent.objects.filter(order=order, type="invoice_paid").count() == 1


def test_mark_shipped_stores_tracking_in_the_same_update():
    order = order_for(make_variant())
    mark_paid(order)

    mark_shipped(order, tracking_number="00340434", tracking_url="https://track.example/00340434")

    stored = Order.objects.get(pk=order.pk)
    assert (stored.status, stored.tracking_number, stored.tracking_url) == (
        OrderStatus.SHIPPED,
        "00340434",
        "https://track.example/00340434",
    )
    assert stored.shipped_at is not None


def test_unpaid_prepayment_order_cannot_be_shipped():
    order = order_for(make_variant())

    with pytest.raises(IllegalTransition):
        mark_shipped(order, tracking_number="X")
    assert Order.objects.get(pk=order.pk).tracking_number == ""


def test_mark_delivered_after_shipping():
    order = order_for(make_variant())
    mark_paid(order)
    mark_shipped(order)

    mark_delivered(order, actor="sendcloud")

    assert Order.objects.get(pk=order.pk).delivered_at is not None


def test_accept_on_account_only_for_invoice_orders():
    order = order_for(make_variant())

    with pytest.raises(IllegalTransition):
        accept_on_account(order)


def test_add_note_writes_an_event_without_status_change(admin_user):
    order = order_for(make_variant())

    event = add_note(order, note="  called the customer  ", actor=admin_user)

    assert (event.type, event.note, event.actor, event.from_status, event.to_status) == (
        "note_added",
        "called the customer",
        admin_user,
        "",
        "",
    )
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING_PAYMENT


def test_an_anonymous_actor_is_recorded_without_a_user():
    from django.contrib.auth.models import AnonymousUser

    order = order_for(make_variant())

    event = add_note(order, note="hello", actor=AnonymousUser())

    assert (event.actor, event.actor_label) == (None, "anonymous")
