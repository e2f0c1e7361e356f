import pytest
from django.core import mail
from django.db import transaction

from catalog.models import ProductVariant
from commerce.notifications.models import Notification, NotificationKind, NotificationStatus
from commerce.orders.models import OrderEvent, OrderStatus
from commerce.orders.services import cancel_order
from commerce.orders.state import IllegalTransition
from commerce.orders.stock import allocate_stock, low_stock_variants, release_stock
from commerce.orders.tasks import send_low_stock_report

from .factories import make_variant, order_for, priced_line

pytestmark = pytest.mark.django_db


def stock(variant):
    return ProductVariant.objects.get(pk=variant.pk).stock_quantity


def test_release_gives_the_stock_back():
    variant = make_variant(stock=5)
    order = order_for(variant, 3)

    assert release_stock(order) is True

    assert stock(variant) == 5
    assert OrderEvent.objects.filter(order=order, type="stock_released").get().payload == {
        "quantities": {variant.sku: 3}
    }


def test_second_release_is_a_no_op():
    variant = make_variant(stock=5)
    order = order_for(variant, 3)
    release_stock(order)

    assert release_stock(order) is False

    assert stock(variant) == 5
    assert OrderEvent.objects.filter(order=order, type="stock_released").count() == 1


def test_cancel_releases_stock_and_records_who():
    variant = make_variant(stock=5)
    order = order_for(variant, 2)

    cancel_order(order, actor="staff: ops", note="customer asked")

    assert (order.status, stock(variant)) == (OrderStatus.CANCELLED, 5)
    event = OrderEvent.objects.get(order=order, type="status_changed")
    assert (event.actor_label, event.note, event.payload) == ("staff: ops", "customer asked", {})


def test_cancelling_twice_raises_and_does_not_add_stock_twice():
    variant = make_variant(stock=5)
    order = order_for(variant, 2)
    cancel_order(order)

    with pytest.raises(IllegalTransition):
        cancel_order(order)
    assert stock(variant) == 5


def test_cancelling_a_paid_order_records_the_refund_due():
    order = order_for(make_variant(stock=5))
    from commerce.orders.services import mark_paid

    mark_paid(order, actor="vendo")
    cancel_order(order)

    event = OrderEvent.objects.get(order=order, to_status="cancelled")
    assert event.payload == {"refund_due": str(order.total_gross)}


@pytest.mark.django_db(transaction=True)
def test_allocate_outside_a_transaction_is_refused():
    variant = make_variant(stock=5)

    with pytest.raises(transaction.TransactionManagementError):
        allocate_stock([priced_line(variant, 1)])


def test_low_stock_lists_active_variants_at_or_below_threshold():
    low = make_variant(stock=2, low_stock_threshold=5)
    at = make_variant(stock=5, low_stock_threshold=5)
    make_variant(stock=6, low_stock_threshold=5)
    make_variant(stock=0, active=False)

    assert list(low_stock_variants()) == [low, at]


def test_low_stock_report_goes_to_staff_through_the_outbox_once_a_day(settings, django_capture_on_commit_callbacks):
    settings.STAFF_ALERT_EMAILS = ["ops@naturwest.example"]
    low = make_variant(stock=1, low_stock_threshold=5)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_low_stock_report() == 1
        send_low_stock_report()

    [report] = Notification.objects.filter(kind=NotificationKind.LOW_STOCK_REPORT)
    assert report.status == NotificationStatus.SENT
    [message] = mail.outbox
    assert message.to == ["ops@naturwest.example"]
    assert low.sku in message.body


def test_low_stock_report_sends_nothing_when_all_is_well(settings):
    settings.STAFF_ALERT_EMAILS = ["ops@naturwest.example"]
    make_variant(stock=50)

    assert send_low_stock_report() == 0
    assert mail.outbox == []
