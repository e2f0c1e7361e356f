import pytest
from django.utils import timezone

from commerce.orders.models import Order, OrderEvent, OrderEventType, OrderStatus
from commerce.orders.state import TRANSITIONS, IllegalTransition, allowed_transitions, transition

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db
S = OrderStatus

LEGAL = sorted((source, target) for source, targets in TRANSITIONS.items() for target in targets)
ILLEGAL = sorted((source, target) for source in S.values for target in S.values if target not in TRANSITIONS[source])


def order_in(status, *, payment_method="prepayment", paid=True):
    order = order_for(make_variant(), payment_method=payment_method)
    Order.objects.filter(pk=order.pk).update(status=status, paid_at=timezone.now() if paid else None)
    order.refresh_from_db()
    return order


def status_events(order):
    return list(OrderEvent.objects.filter(order=order, type=OrderEventType.STATUS_CHANGED))


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_every_legal_transition_changes_status_and_writes_one_event(source, target, admin_user):
    method = "invoice" if (source, target) == (S.PENDING_PAYMENT, S.PROCESSING) else "prepayment"
    order = order_in(source, payment_method=method, paid=source != S.PENDING_PAYMENT)

    transition(order, target, actor=admin_user, note="why")

    order.refresh_from_db()
    assert order.status == target
    [event] = status_events(order)
    assert (event.from_status, event.to_status, event.actor, event.note) == (source, target, admin_user, "why")
    assert event.actor_label == "staff: admin@example.com"


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_transition_raises_and_changes_nothing(source, target):
    order = order_in(source)

    with pytest.raises(IllegalTransition):
        transition(order, target)

    order.refresh_from_db()
    assert order.status == source
    assert status_events(order) == []


def test_prepayment_order_cannot_skip_payment_to_processing():
    order = order_in(S.PENDING_PAYMENT, paid=False)

    with pytest.raises(IllegalTransition, match="Only invoice orders"):
        transition(order, S.PROCESSING)
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT


def test_an_order_never_paid_cannot_be_refunded():
    order = order_in(S.CANCELLED, paid=False)

    with pytest.raises(IllegalTransition, match="Nothing was paid"):
        transition(order, S.REFUNDED)
    assert Order.objects.get(pk=order.pk).status == S.CANCELLED


def test_transition_stamps_its_timestamp():
    order = order_in(S.PENDING_PAYMENT, paid=False)

    transition(order, S.PAID)

    assert Order.objects.get(pk=order.pk).paid_at is not None
    assert order.paid_at is not None


def test_a_stale_copy_loses_the_race_and_changes_nothing():
    order = order_in(S.PENDING_PAYMENT, paid=False)
    stale = Order.objects.get(pk=order.pk)
    transition(order, S.PAID, actor="vendo")

    with pytest.raises(IllegalTransition, match="changed meanwhile"):
        transition(stale, S.CANCELLED, actor="system")

    assert Order.objects.get(pk=order.pk).status == S.PAID
    assert [(e.to_status, e.actor_label) for e in status_events(order)] == [(S.PAID, "vendo")]


def test_allowed_transitions_respect_guards():
    assert allowed_transitions(order_in(S.PENDING_PAYMENT, paid=False)) == [S.PAID, S.CANCELLED]
    invoice = order_in(S.PENDING_PAYMENT, payment_method="invoice", paid=False)
    assert allowed_transitions(invoice) == [S.PAID, S.PROCESSING, S.CANCELLED]
