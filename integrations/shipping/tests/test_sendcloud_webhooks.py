"""Sendcloud webhook verification (spec 1.8) by the client."""

import pytest

from integrations.shipping.base import WebhookRejected
from integrations.shipping.sendcloud.client import SendcloudClient

BODY = b'{"action": "parcel_status_changed", "timestamp": 1790325265134, "parcel": {"id": 7, "status": {"id": 11, "message": "Delivered"}, "external_reference": "NW-1", "tracking_number": "T1"}}'  # noqa: E501


def client(secret="secretkey") -> SendcloudClient:  # noqa: S107
    return SendcloudClient(base_url="https://panel.sendcloud.sc/api/v2", public_key="pk", secret_key=secret)


def test_published_signature_vector():
    assert client().signature(b'{"key": "value"}') == "1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a"


def test_valid_signature_gives_the_event():
    event = client().verify_webhook(BODY, client().signature(BODY))

    assert (event.action, event.parcel_id, event.status_id, event.status, event.timestamp_ms) == (
        "parcel_status_changed",
        "7",
        11,
        "Delivered",
        1790325265134,
    )
    assert event.external_reference == "NW-1"


def test_uppercase_hex_signature_is_accepted():
    assert client().verify_webhook(BODY, client().signature(BODY).upper()).parcel_id == "7"


@pytest.mark.parametrize(
    ("header", "code"), [(None, "missing_signature"), ("", "missing_signature"), ("ab" * 32, "invalid_signature")]
)
def test_missing_or_wrong_signature_is_rejected(header, code):
    with pytest.raises(WebhookRejected) as caught:
        client().verify_webhook(BODY, header)

    assert caught.value.code == code


def test_signature_with_another_key_is_rejected():
    with pytest.raises(WebhookRejected):
        client().verify_webhook(BODY, client("other").signature(BODY))


def test_seconds_timestamps_are_read_as_milliseconds():
    body = b'{"action": "parcel_status_changed", "timestamp": 1790325265, "parcel": {"id": 7, "status": {"id": 3}}}'

    assert client().verify_webhook(body, client().signature(body)).timestamp_ms == 1790325265000


def test_signed_but_malformed_body_is_rejected():
    with pytest.raises(WebhookRejected) as caught:
        client().verify_webhook(b"[]", client().signature(b"[]"))

    assert caught.value.code == "malformed"


def test_base_url_with_api_version_is_normalised():
    assert client().base_url == "https://panel.sendcloud.sc"
