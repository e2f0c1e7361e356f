"""Parcels for paid orders and tracking webhooks, against the Sendcloud sandbox over real HTTP."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.notifications.models import Notification
from commerce.orders.models import OrderEvent, OrderStatus
from commerce.orders.services import mark_paid
from commerce.orders.signals import order_accepted
from integrations.errors import ProviderRateLimited, ProviderUnavailable
from integrations.models import ShippingWebhookLog
from integrations.shipping.models import Shipment, ShipmentStatus
from integrations.shipping.services import split_street
from integrations.shipping.tasks import create_parcel_for_order, queue_parcel_on_acceptance, retry_delay
from integrations.tests.shop import buyer_mails, pay, staff_mails, vendo_order

pytestmark = pytest.mark.django_db(transaction=True)
PARCELS = "/api/v2/parcels"


@pytest.fixture
def paid_order(shop):
    order = vendo_order()
    # Paid without the parcel that order_accepted would queue: the tests below create it themselves.
    order_accepted.disconnect(dispatch_uid="integrations.parcel")
    try:
        mark_paid(order, actor="vendo")
    finally:
        order_accepted.connect(queue_parcel_on_acceptance, dispatch_uid="integrations.parcel")
    order.refresh_from_db()
    return order


def test_parcel_creation_survives_server_errors_with_exactly_one_parcel(paid_order, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("500", count=2, path=PARCELS, method="POST")

    create_parcel_for_order.delay(paid_order.pk)

    shipment = Shipment.objects.get(order=paid_order)
    assert (shipment.status, shipment.attempts, shipment.error) == (ShipmentStatus.LABEL_CREATED, 3, "")
    assert len(sendcloud_sandbox.parcels) == 1


def test_a_lost_answer_is_not_a_second_parcel(paid_order, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("500", path=PARCELS, method="POST", after_effect=True)

    create_parcel_for_order.delay(paid_order.pk)

    shipment = Shipment.objects.get(order=paid_order)
    [parcel] = sendcloud_sandbox.parcels.values()
    assert (shipment.status, shipment.provider_parcel_id) == (ShipmentStatus.LABEL_CREATED, str(parcel["id"]))


def test_a_timeout_is_retried(paid_order, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("timeout", path=PARCELS, method="POST", after_effect=True)

    create_parcel_for_order.delay(paid_order.pk)

    assert Shipment.objects.get(order=paid_order).status == ShipmentStatus.LABEL_CREATED
    assert len(sendcloud_sandbox.parcels) == 1


def test_after_the_last_retry_the_shipment_is_failed_and_staff_are_alerted(
    paid_order, sendcloud_sandbox, settings, mailoutbox
):
    settings.SHIPPING_PARCEL_MAX_RETRIES = 2
    sendcloud_sandbox.failures.arm("503", count=10, path=PARCELS, method="POST")

    create_parcel_for_order.delay(paid_order.pk)

    shipment = Shipment.objects.get(order=paid_order)
    [alert] = staff_mails(mailoutbox)
    assert (shipment.status, shipment.attempts) == (ShipmentStatus.FAILED, 3)
    assert shipment.error == "sendcloud: Internal server error (HTTP 503)"
    assert paid_order.number in alert.subject
    assert sendcloud_sandbox.parcels == {}


def test_staff_retry_after_a_failure_creates_the_parcel(paid_order, sendcloud_sandbox, settings, client):
    settings.SHIPPING_PARCEL_MAX_RETRIES = 0
    sendcloud_sandbox.failures.arm("503", path=PARCELS, method="POST")
    create_parcel_for_order.delay(paid_order.pk)
    client.force_login(get_user_model().objects.create_superuser("staff", "s@example.com", "pw"))

    response = client.post(reverse("integrations_shipment_action", args=[paid_order.pk, "retry"]), follow=True)

    shipment = Shipment.objects.get(order=paid_order)
    assert response.status_code == 200
    assert (shipment.status, shipment.attempts) == (ShipmentStatus.LABEL_CREATED, 2)
    assert client.get(reverse("integrations_shipment_label", args=[shipment.pk])).getvalue().startswith(b"%PDF")


def test_staff_cancel_a_label_and_the_next_parcel_gets_a_new_reference(paid_order, sendcloud_sandbox, client):
    create_parcel_for_order.delay(paid_order.pk)
    client.force_login(get_user_model().objects.create_superuser("staff", "s@example.com", "pw"))
    shipment = Shipment.objects.get(order=paid_order)

    client.post(reverse("integrations_shipment_action", args=[paid_order.pk, "cancel"]), {"shipment": shipment.pk})
    client.post(reverse("integrations_shipment_action", args=[paid_order.pk, "create"]))

    assert list(Shipment.objects.filter(order=paid_order).order_by("pk").values_list("reference", "status")) == [
        (paid_order.number, ShipmentStatus.CANCELLED),
        (f"{paid_order.number}-2", ShipmentStatus.LABEL_CREATED),
    ]


def test_the_service_point_is_sent_with_the_parcel(paid_order, sendcloud_sandbox):
    type(paid_order).objects.filter(pk=paid_order.pk).update(
        shipping_method_code="sendcloud:10", service_point_id="4711"
    )

    create_parcel_for_order.delay(paid_order.pk)

    [parcel] = sendcloud_sandbox.parcels.values()
    assert (parcel["to_service_point"], parcel["shipment"]["id"]) == (4711, 10)


def test_backoff_is_exponential_and_respects_retry_after(settings):
    settings.SHIPPING_RETRY_BASE_SECONDS = 30
    settings.SHIPPING_RETRY_MAX_SECONDS = 3600

    assert [retry_delay(ProviderUnavailable("x"), n) for n in range(4)] == [30, 60, 120, 240]
    assert retry_delay(ProviderRateLimited("slow down", retry_after=300), 0) == 300
    assert retry_delay(ProviderUnavailable("x"), 10) == 3600


def test_street_and_house_number_are_split_for_sendcloud():
    assert [split_street(s) for s in ("Hauptstr. 1", "Am Markt 12a", "Postfach")] == [
        ("Hauptstr.", "1"),
        ("Am Markt", "12a"),
        ("Postfach", ""),
    ]


# --- tracking webhooks -------------------------------------------------------------------
@pytest.fixture
def shipped_parcel(shop, sendcloud_sandbox):
    order = vendo_order()
    pay(order)
    [parcel_id] = sendcloud_sandbox.parcels
    return order, parcel_id


def test_in_transit_marks_the_order_shipped_with_tracking_and_tells_the_buyer(
    shipped_parcel, sendcloud_sandbox, mailoutbox
):
    order, parcel_id = shipped_parcel

    sendcloud_sandbox.advance(parcel_id, 3)

    order.refresh_from_db()
    mails = buyer_mails(mailoutbox, order)
    assert (order.status, order.tracking_number) == (OrderStatus.SHIPPED, f"3SNWT{parcel_id:010d}")
    # The buyer's language is German: "Your order %(number)s is on its way".
    assert mails[-1].subject == f"Ihre Bestellung {order.number} ist unterwegs"


def test_delivered_marks_the_order_delivered(shipped_parcel, sendcloud_sandbox):
    order, parcel_id = shipped_parcel
    sendcloud_sandbox.advance(parcel_id, 3)

    sendcloud_sandbox.advance(parcel_id, 11)

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert Shipment.objects.get(order=order).carrier_status_id == 11


def test_out_of_order_events_never_move_the_order_backwards(shipped_parcel, sendcloud_sandbox):
    order, parcel_id = shipped_parcel

    sendcloud_sandbox.deliver_out_of_order(parcel_id, [3, 11])  # "delivered" arrives before "en route"

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert Shipment.objects.get(order=order).carrier_status_id == 11
    assert ShippingWebhookLog.objects.filter(superseded=True).count() == 1


def test_a_webhook_replayed_100_times_changes_the_order_once_and_mails_once(
    shipped_parcel, sendcloud_sandbox, mailoutbox
):
    order, parcel_id = shipped_parcel
    sendcloud_sandbox.advance(parcel_id, 3, deliver=False)
    body = sendcloud_sandbox.webhook_body(sendcloud_sandbox.parcels[parcel_id], 1_790_000_000_000)

    deliveries = [d for _ in range(100) for d in sendcloud_sandbox.deliver(body)]

    order.refresh_from_db()
    shipped_events = OrderEvent.objects.filter(order=order, type="status_changed", to_status="shipped")
    assert {d["status"] for d in deliveries} == {200}
    assert order.status == OrderStatus.SHIPPED
    assert shipped_events.count() == 1
    assert sum("ist unterwegs" in m.subject for m in buyer_mails(mailoutbox, order)) == 1  # "is on its way"


def test_one_shipping_email_whichever_path_sends_it_first(shipped_parcel, sendcloud_sandbox, mailoutbox, admin_client):
    order, parcel_id = shipped_parcel
    # Staff mark it shipped in the admin before Sendcloud's webhooks come in.
    admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_shipped"]), {"tracking_number": "TN1"})

    sendcloud_sandbox.advance(parcel_id, 3)
    sendcloud_sandbox.advance(parcel_id, 11)

    order.refresh_from_db()
    kinds = list(Notification.objects.filter(order=order).values_list("kind", flat=True).order_by("kind"))
    assert order.status == OrderStatus.DELIVERED
    assert kinds == ["order_delivered", "order_shipped", "payment_received"]
    assert len(buyer_mails(mailoutbox, order)) == 3


def test_the_carrier_webhooks_alone_send_one_shipping_and_one_delivery_email(
    shipped_parcel, sendcloud_sandbox, mailoutbox
):
    order, parcel_id = shipped_parcel

    sendcloud_sandbox.advance(parcel_id, 3)
    sendcloud_sandbox.advance(parcel_id, 11)

    subjects = [m.subject for m in buyer_mails(mailoutbox, order)]
    assert sum("ist unterwegs" in subject for subject in subjects) == 1
    assert sum("wurde zugestellt" in subject for subject in subjects) == 1


@pytest.mark.parametrize("status_id", [8, 62992])
def test_delivery_problems_alert_staff_and_keep_the_status(shipped_parcel, sendcloud_sandbox, mailoutbox, status_id):
    order, parcel_id = shipped_parcel

    sendcloud_sandbox.advance(parcel_id, status_id)

    order.refresh_from_db()
    [alert] = staff_mails(mailoutbox)
    assert order.status == OrderStatus.PAID
    # Staff alerts go out in German: "Delivery problem with order %(number)s: %(status)s".
    assert alert.subject.startswith(f"[Naturwest] Zustellproblem bei Bestellung {order.number}")


def test_a_forged_webhook_changes_nothing(shipped_parcel, sendcloud_sandbox):
    order, parcel_id = shipped_parcel
    sendcloud_sandbox.secret_key = "not-our-key"

    [*attempts] = sendcloud_sandbox.advance(parcel_id, 11)

    order.refresh_from_db()
    assert {a["status"] for a in attempts} == {401}
    assert order.status == OrderStatus.PAID
    assert ShippingWebhookLog.objects.count() == 0


def test_a_parcel_we_do_not_know_is_acknowledged(shipped_parcel, sendcloud_sandbox):
    order, parcel_id = shipped_parcel
    Shipment.objects.all().delete()
    type(order).objects.filter(pk=order.pk).update(number="NW-OTHER")

    [attempt] = sendcloud_sandbox.advance(parcel_id, 11)

    order.refresh_from_db()
    assert attempt["status"] == 200
    assert order.status == OrderStatus.PAID


def test_with_a_broker_a_rate_limited_attempt_is_rescheduled_after_retry_after(paid_order, sendcloud_sandbox, settings):
    from celery.exceptions import Retry

    from naturwest.celery import app

    settings.SHIPPING_RETRY_BASE_SECONDS = 30
    sendcloud_sandbox.failures.arm("429", path=PARCELS, method="POST", retry_after=120)
    app.conf.task_always_eager = False  # a worker's view: retry() reschedules through the broker (memory://)
    create_parcel_for_order.push_request(
        id="worker-run", called_directly=False, retries=0, is_eager=False, args=[paid_order.pk], kwargs={}
    )
    try:
        with pytest.raises(Retry) as retried:
            create_parcel_for_order.run(paid_order.pk)
    finally:
        create_parcel_for_order.pop_request()
        app.conf.task_always_eager = True

    shipment = Shipment.objects.get(order=paid_order)
    assert retried.value.when == 120
    assert (shipment.status, shipment.attempts) == (ShipmentStatus.PENDING, 1)
    assert "429" in shipment.error
