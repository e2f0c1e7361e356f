"""The shop's callback endpoints, driven by the sandboxes over real HTTP (pytest-django live_server)."""

from decimal import Decimal

import pytest
import requests

from integrations.models import PaymentNotificationLog, ShippingWebhookLog
from integrations.payments import services as payment_services
from integrations.payments.base import ExpectedPayment
from integrations.payments.tests.test_vendo_client import paid_transaction
from integrations.shipping import services as shipping_services
from integrations.shipping.tests.test_sendcloud_client import parcel_request
from testing.providers import POSTBACK_TOKEN, SENDCLOUD, VENDO

RECEIVED: list = []


def lookup(reference):
    return ExpectedPayment("NW-10042", Decimal("49.90"), "EUR") if reference == "NW-10042" else None


def receive(*args):
    RECEIVED.append(args)


@pytest.fixture(autouse=True)
def provider_settings(settings, monkeypatch):
    RECEIVED.clear()
    settings.VENDO_MERCHANT_ID = VENDO["merchant_id"]
    settings.VENDO_SITE_ID = VENDO["site_id"]
    settings.VENDO_API_SECRET = VENDO["api_secret"]
    settings.VENDO_SHARED_SECRET = VENDO["shared_secret"]
    settings.VENDO_POSTBACK_TOKEN = POSTBACK_TOKEN
    settings.VENDO_POSTBACK_ALLOWED_IPS = ["127.0.0.1/32"]
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    monkeypatch.setattr(payment_services, "expected_payment_for", lookup)
    monkeypatch.setattr(payment_services, "receive_payment_notification", receive)
    monkeypatch.setattr(shipping_services, "receive_shipping_event", receive)
    return settings


@pytest.fixture
def postback_url(live_server, vendo_sandbox):
    vendo_sandbox.postback_url = f"{live_server.url}/integrations/vendo/postback/{POSTBACK_TOKEN}/"
    return vendo_sandbox.postback_url


@pytest.fixture
def webhook_url(live_server, sendcloud_sandbox):
    sendcloud_sandbox.webhook_url = f"{live_server.url}/integrations/sendcloud/webhook/"
    return sendcloud_sandbox.webhook_url


def test_paying_on_the_hosted_page_delivers_an_accepted_postback(postback_url, vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)

    [delivery] = vendo_sandbox.postbacks
    log = PaymentNotificationLog.objects.get()
    assert (delivery["status"], delivery["body"]) == (
        200,
        "<postbackResponse><transaction><code>1</code></transaction></postbackResponse>",
    )
    assert (log.accepted, log.event_id, log.reference, log.amount, log.status) == (
        True,
        transaction_id,
        "NW-10042",
        Decimal("49.90"),
        "paid",
    )
    assert len(RECEIVED) == 1


def test_a_postback_replayed_100_times_changes_state_once(postback_url, vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)

    deliveries = vendo_sandbox.send_postback(transaction_id, times=100)

    assert {d["status"] for d in deliveries} == {200}
    assert all("<code>1</code>" in d["body"] for d in deliveries)
    assert PaymentNotificationLog.objects.filter(accepted=True).count() == 1
    assert len(RECEIVED) == 1


def test_wrong_amount_postback_is_answered_code_2_recorded_and_changes_nothing(postback_url, vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    PaymentNotificationLog.objects.all().delete()
    RECEIVED.clear()
    vendo_sandbox.postback_attempts = 1

    [delivery] = vendo_sandbox.send_postback(transaction_id, overrides={"amount": "0.01"})

    log = PaymentNotificationLog.objects.get()
    assert delivery["status"] == 200
    assert (
        "<code>2</code><errorMessage>amount 0.01 does not match the expected 49.90</errorMessage>" in delivery["body"]
    )
    assert (log.accepted, log.rejection_code) == (False, "amount_mismatch")
    assert RECEIVED == []


def test_sandbox_retries_a_refused_postback(postback_url, vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    vendo_sandbox.postbacks.clear()

    vendo_sandbox.send_postback(transaction_id, overrides={"currency": "USD"})

    assert [d["attempt"] for d in vendo_sandbox.postbacks] == [1, 2, 3]


def test_postback_to_a_wrong_token_is_forbidden_and_not_stored(live_server, postback_url, vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    PaymentNotificationLog.objects.all().delete()

    response = requests.post(
        f"{live_server.url}/integrations/vendo/postback/not-the-token/",
        data=vendo_sandbox.postback_fields(transaction_id),
        timeout=5,
    )

    assert response.status_code == 403
    assert "<code>2</code>" in response.text
    assert PaymentNotificationLog.objects.count() == 0


def test_postback_for_an_unknown_reference_is_refused(monkeypatch, postback_url, vendo, vendo_sandbox):
    monkeypatch.setattr(payment_services, "expected_payment_for", lambda reference: None)

    paid_transaction(vendo, vendo_sandbox)

    assert PaymentNotificationLog.objects.filter(accepted=True).count() == 0
    assert set(PaymentNotificationLog.objects.values_list("rejection_code", flat=True)) == {"unknown_reference"}


def test_signed_webhook_is_recorded(webhook_url, sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())

    [delivery] = sendcloud_sandbox.advance(int(parcel.id), 11)

    log = ShippingWebhookLog.objects.get()
    assert delivery["status"] == 200
    assert (log.action, log.parcel_id, log.status_id, log.external_reference, log.superseded) == (
        "parcel_status_changed",
        parcel.id,
        11,
        "NW-10042",
        False,
    )


def test_duplicate_webhook_is_recorded_once(webhook_url, sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 3, timestamp_ms=1790325265134)

    sendcloud_sandbox.advance(int(parcel.id), 3, timestamp_ms=1790325265134)

    assert ShippingWebhookLog.objects.count() == 1
    assert len(RECEIVED) == 1


def test_out_of_order_webhooks_mark_the_older_one_stale(webhook_url, sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())

    sendcloud_sandbox.deliver_out_of_order(int(parcel.id), [3, 11])

    rows = list(ShippingWebhookLog.objects.order_by("id").values_list("status_id", "superseded"))
    assert rows == [(11, False), (3, True)]
    assert [stale for _event, _log, stale in RECEIVED] == [False, True]


@pytest.mark.parametrize(("signature", "expected_status"), [(None, 401), ("0" * 64, 401), ("not-hex", 401)])
def test_unsigned_or_forged_webhook_is_refused_and_changes_nothing(live_server, signature, expected_status):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Sendcloud-Signature"] = signature

    response = requests.post(
        f"{live_server.url}/integrations/sendcloud/webhook/",
        data=b'{"action":"parcel_status_changed","timestamp":1,"parcel":{"id":1,"status":{"id":11}}}',
        headers=headers,
        timeout=5,
    )

    assert response.status_code == expected_status
    assert ShippingWebhookLog.objects.count() == 0


def test_signed_webhook_about_an_unknown_parcel_is_acknowledged(live_server):
    import hashlib
    import hmac

    body = b'{"action":"parcel_status_changed","timestamp":1790325265134,"parcel":{"id":999999,"status":{"id":11}}}'
    signature = hmac.new(b"test-secret-key", body, hashlib.sha256).hexdigest()

    response = requests.post(
        f"{live_server.url}/integrations/sendcloud/webhook/",
        data=body,
        headers={"Sendcloud-Signature": signature},
        timeout=5,
    )

    assert response.status_code == 200
    assert ShippingWebhookLog.objects.get().parcel_id == "999999"


def test_concurrent_duplicate_postbacks_are_accepted_once(postgres, postback_url, vendo, vendo_sandbox):
    """Ten deliveries of one postback racing each other: the unique constraint lets exactly one through."""
    from concurrent.futures import ThreadPoolExecutor

    transaction_id = paid_transaction(vendo, vendo_sandbox)
    fields = vendo_sandbox.postback_fields(transaction_id)

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: requests.post(postback_url, data=fields, timeout=10), range(10)))

    assert {(a.status_code, "<code>1</code>" in a.text) for a in answers} == {(200, True)}
    assert PaymentNotificationLog.objects.filter(accepted=True).count() == 1
    assert len(RECEIVED) == 1
