"""Property tests: whatever a correctly signed notification contains, the parsers answer with a result or
their own rejection, and the endpoints never with a 500."""

import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrations.models import ShippingWebhookLog
from integrations.payments import services as payment_services
from integrations.payments.base import ExpectedPayment, NotificationRejected, NotificationRequest, PaymentNotification
from integrations.payments.vendo.client import VendoClient
from integrations.shipping.base import WebhookEvent, WebhookRejected
from integrations.shipping.sendcloud.client import parse_webhook
from testing.providers import POSTBACK_TOKEN, SENDCLOUD, VENDO, sendcloud_signer

SIGNER = sendcloud_signer()
PARSERS = settings(max_examples=300, deadline=None, database=None)
ENDPOINTS = settings(
    max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# --- payloads -----------------------------------------------------------------------------

texts = st.text(max_size=80) | st.sampled_from(["", "11", "7", "\x00", "\ud800", "1e3", "-1", " 42 ", "٣"])
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | texts
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=12,
)
statuses = json_values | st.fixed_dictionaries(
    {}, optional={"id": json_values | st.integers(0, 70000), "message": json_values}
)
parcels = json_values | st.fixed_dictionaries(
    {},
    optional={
        "id": json_values | st.integers(1, 10**9),
        "status": statuses,
        "external_reference": json_values,
        "order_number": json_values,
        "tracking_number": json_values,
    },
)
webhook_payloads = json_values | st.fixed_dictionaries(
    {
        "action": json_values | st.just("parcel_status_changed"),
        "timestamp": json_values | st.integers(1, 10**13),
    },
    optional={"parcel": parcels, "carrier_status_change_timestamp": json_values},
)
webhook_bodies = webhook_payloads.map(lambda payload: json.dumps(payload, allow_nan=True).encode()) | st.binary(
    max_size=200
)

POSTBACK_KEYS = ["callback", "transaction_id", "merchant_reference", "ref", "amount", "currency", "is_test", "status"]
GOOD_POSTBACK = {
    "callback": "transaction",
    "is_test": "1",
    "transaction_id": "V-1",
    "merchant_reference": "NW-10042",
    "merchant_id": VENDO["merchant_id"],
    "site_id": VENDO["site_id"],
    "amount": "49.90",
    "currency": "EUR",
}
postback_values = texts | st.sampled_from(["transaction", "NW-10042", "49.90", "49.9", "EUR", "eur", "sNaN", "1", "0"])
postback_fields = st.tuples(
    st.booleans(), st.dictionaries(st.sampled_from(POSTBACK_KEYS) | texts, postback_values, max_size=8)
).map(lambda pair: {**GOOD_POSTBACK, **pair[1]} if pair[0] else pair[1])
postback_bodies = postback_fields.map(lambda fields: urlencode(fields, errors="surrogatepass").encode()) | st.binary(
    max_size=200
)


def lookup(reference):
    return ExpectedPayment("NW-10042", Decimal("49.90"), "EUR") if reference == "NW-10042" else None


def receive(*args):
    pass


VENDO_CLIENT = VendoClient(
    base_url="https://secure.vend-o.com",
    **VENDO,
    postback_token=POSTBACK_TOKEN,
    postback_allowed_ips=["127.0.0.1/32"],
    test_mode=True,
)


# --- parsers ------------------------------------------------------------------------------


@PARSERS
@given(webhook_bodies)
def test_the_webhook_parser_gives_an_event_or_its_own_rejection(body):
    try:
        event = SIGNER.verify_webhook(body, SIGNER.signature(body))
    except WebhookRejected as rejection:
        assert rejection.code == "malformed"
        return
    assert isinstance(event, WebhookEvent)
    assert event.action and event.timestamp_ms > 0
    assert len(event.event_id) <= 200 and len(event.parcel_id) <= 64 and len(event.tracking_number) <= 64
    assert event.status_id is None or 0 <= event.status_id < 2**31
    assert event.event_id == parse_webhook(body).event_id  # stable: the idempotency key


@PARSERS
@given(postback_bodies)
def test_the_postback_parser_gives_a_notification_or_its_own_rejection(body):
    request = NotificationRequest(body=body, remote_addr="127.0.0.1", path_token=POSTBACK_TOKEN)
    try:
        notification = VENDO_CLIENT.parse_notification(request, lookup)
    except NotificationRejected as rejection:
        assert rejection.code not in ("forbidden_source", "invalid_token")
        assert len(rejection.event_id) <= 128 and len(rejection.reference) <= 64
        assert "\x00" not in json.dumps(rejection.raw)
        return
    assert isinstance(notification, PaymentNotification)
    assert (notification.reference, notification.amount, notification.currency) == ("NW-10042", Decimal("49.90"), "EUR")


# --- endpoints ----------------------------------------------------------------------------


@pytest.fixture
def provider_settings(settings, monkeypatch):
    settings.VENDO_MERCHANT_ID = VENDO["merchant_id"]
    settings.VENDO_SITE_ID = VENDO["site_id"]
    settings.VENDO_POSTBACK_TOKEN = POSTBACK_TOKEN
    settings.VENDO_POSTBACK_ALLOWED_IPS = ["127.0.0.1/32"]
    settings.VENDO_TEST_MODE = True
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    monkeypatch.setattr(payment_services, "expected_payment_for", lookup)
    monkeypatch.setattr(payment_services, "receive_payment_notification", receive)
    return settings


@pytest.mark.django_db
@ENDPOINTS
@given(body=webhook_bodies)
def test_the_webhook_endpoint_never_answers_500(client, provider_settings, body):
    """With the shop's own receiver: unknown parcels and any status are recorded or refused, never a crash."""
    response = client.post(
        "/integrations/sendcloud/webhook/",
        data=body,
        content_type="application/json",
        HTTP_SENDCLOUD_SIGNATURE=SIGNER.signature(body),
    )

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        event = parse_webhook(body)
        assert ShippingWebhookLog.objects.filter(event_id=event.event_id).count() == 1


@pytest.mark.django_db
@ENDPOINTS
@given(body=postback_bodies)
def test_the_postback_endpoint_never_answers_500(client, provider_settings, body):
    response = client.post(
        f"/integrations/vendo/postback/{POSTBACK_TOKEN}/",
        data=body,
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="127.0.0.1",
    )

    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/xml"
