"""Signed but malformed provider notifications get a 4xx and a log line; duplicates and a busy database never a 500."""

import json
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from django.db import OperationalError

from integrations.models import PaymentNotificationLog, ShippingWebhookLog
from integrations.payments import services as payment_services
from integrations.payments.base import ExpectedPayment
from integrations.shipping import handlers as shipping_handlers
from integrations.shipping import services as shipping_services
from integrations.shipping.base import WebhookRejected
from integrations.shipping.sendcloud.client import parse_webhook
from testing.providers import POSTBACK_TOKEN, SENDCLOUD, VENDO, sendcloud_signer

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
WEBHOOK_URL = "/integrations/sendcloud/webhook/"
POSTBACK_URL = f"/integrations/vendo/postback/{POSTBACK_TOKEN}/"
SIGNER = sendcloud_signer()
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
    settings.VENDO_POSTBACK_TOKEN = POSTBACK_TOKEN
    settings.VENDO_POSTBACK_ALLOWED_IPS = ["127.0.0.1/32"]
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    monkeypatch.setattr(payment_services, "expected_payment_for", lookup)
    monkeypatch.setattr(payment_services, "receive_payment_notification", receive)
    monkeypatch.setattr(shipping_services, "receive_shipping_event", receive)
    return settings


def webhook_body(**parcel_overrides) -> bytes:
    parcel = {"id": 7, "status": {"id": 11, "message": "Delivered"}, "external_reference": "NW-1"}
    parcel.update(parcel_overrides)
    return json.dumps({"action": "parcel_status_changed", "timestamp": 1790325265134, "parcel": parcel}).encode()


def post_webhook(client, body: bytes):
    return client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_SENDCLOUD_SIGNATURE=SIGNER.signature(body)
    )


def postback_fields(**overrides) -> dict:
    fields = {
        "callback": "transaction",
        "is_test": "1",
        "transaction_id": "V-1",
        "merchant_reference": "NW-10042",
        "merchant_id": VENDO["merchant_id"],
        "site_id": VENDO["site_id"],
        "amount": "49.90",
        "currency": "EUR",
    }
    fields.update(overrides)
    return fields


def post_postback(client, body: bytes):
    return client.post(
        POSTBACK_URL, data=body, content_type="application/x-www-form-urlencoded", REMOTE_ADDR="127.0.0.1"
    )


# --- Sendcloud ------------------------------------------------------------------------------


def test_a_signed_webhook_with_a_non_numeric_status_id_is_a_400_and_logged(client, caplog):
    body = webhook_body(status={"id": "delivered", "message": "Delivered"})

    with caplog.at_level(logging.WARNING, logger="integrations"):
        response = post_webhook(client, body)

    assert response.status_code == 400
    assert response.json() == {"error": "malformed"}
    assert "sendcloud webhook rejected: malformed" in caplog.text
    assert "parcel.status.id is not an integer" in caplog.text
    assert ShippingWebhookLog.objects.count() == 0
    assert RECEIVED == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (webhook_body(status={"id": "11a"}), "parcel.status.id is not an integer"),
        (webhook_body(status={"id": [11]}), "parcel.status.id is not an integer"),
        (webhook_body(status={"id": 2**40}), "parcel.status.id out of range"),
        (webhook_body(status="delivered"), "parcel.status is not an object"),
        (b'{"action": "x", "timestamp": 1, "parcel": [1]}', "parcel is not an object"),
        (b'{"action": "x", "timestamp": NaN}', "NaN is not a number"),
        (b'{"action": "x", "timestamp": Infinity}', "Infinity is not a number"),
        (b'{"action": "x", "timestamp": 1e300}', "timestamp out of range"),
        (b'{"action": "x", "timestamp": "soon"}', "timestamp is not an integer"),
        (b'{"action": "x", "timestamp": 1, "carrier_status_change_timestamp": "x"}', "is not an integer"),
        (b'{"action": {"a": 1}, "timestamp": 1}', "action is not a string or number"),
        (b'{"action": "' + b"a" * 65 + b'", "timestamp": 1}', "action is longer than 64"),
        (webhook_body(tracking_number="T" * 65), "tracking_number is longer than 64"),
        (webhook_body(tracking_number="T\\u0000"), "contains a NUL character"),
        (webhook_body(tracking_number="\\ud800"), "contains a lone surrogate"),
        (b"[" * 5000 + b"]" * 5000, "nested"),
        (b'"just a string"', "not a JSON object"),
        (b"\xff\xfe", "malformed payload"),
        (b"", "malformed payload"),
    ],
)
def test_malformed_webhook_bodies_are_refused_as_malformed(body, reason):
    body = body.replace(b"\\\\u", b"\\u")
    with pytest.raises(WebhookRejected) as caught:
        parse_webhook(body)

    assert caught.value.code == "malformed"
    assert reason in caught.value.reason


def test_floats_and_digit_strings_in_a_webhook_are_read_and_stored(client):
    body = webhook_body(id="7", status={"id": "11", "message": "Delivered"}, weight=1.25)

    response = post_webhook(client, body)

    log = ShippingWebhookLog.objects.get()
    assert response.status_code == 200
    assert (log.parcel_id, log.status_id, log.payload["parcel"]["weight"]) == ("7", 11, 1.25)


def test_an_identical_webhook_twice_is_a_duplicate_not_an_error(client):
    body = webhook_body()

    first, second = post_webhook(client, body), post_webhook(client, body)

    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.json(), second.json()) == ({"status": "ok"}, {"status": "duplicate"})
    assert ShippingWebhookLog.objects.count() == 1


def test_a_briefly_locked_database_is_retried(client, monkeypatch):
    real, calls = shipping_handlers.handle_shipping_event, []

    def locked_twice(*args):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("database is locked")
        return real(*args)

    monkeypatch.setattr(shipping_handlers, "handle_shipping_event", locked_twice)

    response = post_webhook(client, webhook_body())

    assert response.status_code == 200
    assert len(calls) == 3
    assert ShippingWebhookLog.objects.count() == 1


def test_a_database_that_stays_locked_asks_the_provider_to_retry(client, monkeypatch, caplog):
    def locked(*args):
        raise OperationalError("database is locked")

    monkeypatch.setattr(shipping_handlers, "handle_shipping_event", locked)

    with caplog.at_level(logging.WARNING, logger="integrations"):
        response = post_webhook(client, webhook_body())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "sendcloud notification deferred, database busy" in caplog.text


def test_identical_webhooks_at_once_on_a_file_sqlite_database_never_answer_500(tmp_path):
    """The dev server's database: concurrent writers meet "database is locked"; retried, never a 500."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'webhooks.sqlite3'}", "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "integrations/tests/concurrent_webhooks.py"), "10", "8"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(result["statuses"]) == 80
    assert set(result["statuses"]) <= {200, 503}
    assert result["rows"] == 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_webhooks_on_postgresql_are_one_row_and_duplicates(postgres, live_server):
    body = webhook_body()
    headers = {"Content-Type": "application/json", "Sendcloud-Signature": SIGNER.signature(body)}

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(
                lambda _: requests.post(live_server.url + WEBHOOK_URL, data=body, headers=headers, timeout=30),
                range(10),
            )
        )

    assert {a.status_code for a in answers} == {200}
    assert sorted(a.json()["status"] for a in answers) == ["duplicate"] * 9 + ["ok"]
    assert ShippingWebhookLog.objects.count() == 1


# --- Vendo ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"amount": "sNaN"}, "invalid amount"),
        ({"amount": "NaN"}, "invalid amount"),
        ({"amount": "Infinity"}, "invalid amount"),
        ({"amount": "1e20"}, "invalid amount"),
        ({"amount": "neunundvierzig"}, "invalid amount"),
        ({"transaction_id": "V" * 129}, "too long"),
        ({"merchant_reference": "NW-10042\x00"}, "NUL character"),
        ({"email": "a\x00b@example.com"}, "NUL character"),
        ({"transaction_id": ""}, "are required"),
    ],
)
def test_malformed_postbacks_from_vendo_are_a_400_recorded_and_logged(client, caplog, overrides, reason):
    with caplog.at_level(logging.WARNING, logger="integrations"):
        response = post_postback(client, urlencode(postback_fields(**overrides)).encode())

    log = PaymentNotificationLog.objects.get()
    assert response.status_code == 400
    assert "<code>2</code>" in response.content.decode()
    assert (log.accepted, log.rejection_code) == (False, "malformed")
    assert reason in log.rejection_reason
    assert "\x00" not in json.dumps(log.payload)
    assert "vendo postback rejected: malformed" in caplog.text
    assert RECEIVED == []


def test_a_postback_with_invalid_utf8_is_a_400(client):
    response = post_postback(client, b"callback=transaction&transaction_id=\xff")

    assert response.status_code == 400
    assert PaymentNotificationLog.objects.get().rejection_code == "malformed"


def test_a_well_formed_refused_postback_keeps_vendos_200_code_2(client):
    response = post_postback(client, urlencode(postback_fields(amount="1.00")).encode())

    assert response.status_code == 200
    assert "<code>2</code>" in response.content.decode()


def test_a_duplicate_postback_is_acknowledged_once_recorded(client):
    body = urlencode(postback_fields()).encode()

    first, second = post_postback(client, body), post_postback(client, body)

    assert (first.status_code, second.status_code) == (200, 200)
    assert "<code>1</code>" in second.content.decode()
    assert PaymentNotificationLog.objects.filter(accepted=True).count() == 1
    assert len(RECEIVED) == 1


def test_a_postback_meeting_a_locked_database_asks_vendo_to_retry(client, monkeypatch):
    from integrations.payments import handlers as payment_handlers

    def locked(*args):
        raise OperationalError("database is locked")

    monkeypatch.setattr(payment_handlers, "handle_payment_notification", locked)

    response = post_postback(client, urlencode(postback_fields()).encode())

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<code>2</code>" in response.content.decode()
