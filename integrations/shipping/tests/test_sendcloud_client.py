"""The production Sendcloud client against the Sendcloud sandbox over real HTTP."""

from decimal import Decimal

import pytest
import requests

from integrations.errors import (
    ProviderAuthenticationFailed,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderRejected,
    ProviderUnavailable,
)
from integrations.shipping.base import Address, ParcelRequest, RateRequest, ShippingProvider
from integrations.shipping.sendcloud.client import SendcloudClient


def parcel_request(**overrides) -> ParcelRequest:
    values = {
        "external_reference": "NW-10042",
        "address": Address(
            name="Ada Lovelace",
            street="Hauptstraße",
            house_number="12",
            postal_code="10115",
            city="Berlin",
            country="DE",
            email="ada@example.org",
        ),
        "weight_g": 1250,
        "shipping_method_id": "8",
        "total_order_value": Decimal("49.90"),
    }
    values.update(overrides)
    return ParcelRequest(**values)


def test_client_satisfies_the_shipping_provider_protocol(sendcloud):
    assert isinstance(sendcloud, ShippingProvider)


def test_wrong_secret_key_raises_authentication_failed_with_sendclouds_message(sendcloud_sandbox):
    client = SendcloudClient(base_url=sendcloud_sandbox.base_url, public_key="test-public-key", secret_key="nope")

    with pytest.raises(ProviderAuthenticationFailed) as caught:
        client.rates(RateRequest(to_country="DE", to_postal_code="10115", weight_g=500))

    assert (caught.value.status_code, caught.value.message, caught.value.retryable) == (
        401,
        "Invalid username/password.",
        False,
    )


def test_missing_credentials_get_the_v2_error_envelope(sendcloud_sandbox):
    response = requests.get(f"{sendcloud_sandbox.base_url}/api/v2/shipping_methods", timeout=5)

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": 401,
            "request": "api/v2/shipping_methods",
            "message": "Authentication credentials were not provided.",
        }
    }


def test_v3_authentication_failure_uses_the_v3_shape(sendcloud_sandbox):
    response = requests.post(
        f"{sendcloud_sandbox.base_url}/api/v3/shipping-options", json={}, auth=("x", "y"), timeout=5
    )

    assert response.json() == {
        "errors": [{"status": "401", "code": "authentication_failed", "detail": "Invalid username/password."}]
    }


def test_rates_for_germany_and_weight(sendcloud):
    options = sendcloud.rates(RateRequest(to_country="DE", to_postal_code="10115", weight_g=1250))

    assert [(o.shipping_method_id, o.carrier, o.price, o.service_point_required) for o in options] == [
        ("8", "dhl", Decimal("4.99"), False),
        ("9", "dpd", Decimal("4.49"), False),
        ("10", "dhl", Decimal("3.99"), True),
    ]


def test_rates_skip_methods_that_cannot_carry_the_weight(sendcloud):
    light = sendcloud.rates(RateRequest(to_country="DE", to_postal_code="10115", weight_g=800))

    assert "11" in [o.shipping_method_id for o in light]
    assert [o.shipping_method_id for o in sendcloud.rates(RateRequest("AT", "1010", 25000))] == ["8", "9"]


def test_validation_error_carries_sendclouds_message(sendcloud, sendcloud_sandbox):
    request = parcel_request(address=Address("", "Hauptstraße", "12", "10115", "", "DE"))

    with pytest.raises(ProviderRejected) as caught:
        sendcloud.create_parcel(request)

    assert caught.value.status_code == 400
    assert caught.value.message == "name: This field is required. city: This field is required."
    assert caught.value.retryable is False
    assert sendcloud_sandbox.parcels == {}


def test_create_parcel_with_label(sendcloud):
    parcel = sendcloud.create_parcel(parcel_request())

    assert (parcel.external_reference, parcel.status_id, parcel.status, parcel.announced) == (
        "NW-10042",
        1000,
        "Ready to send",
        True,
    )
    assert parcel.tracking_number.startswith("3SNWT")
    assert parcel.tracking_url.endswith(f"/tracking/{parcel.tracking_number}")


def test_parcel_body_uses_kilogram_strings_and_the_order_number(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())

    stored = sendcloud_sandbox.parcels[int(parcel.id)]
    assert (stored["weight"], stored["order_number"], stored["external_reference"]) == ("1.250", "NW-10042", "NW-10042")


def test_label_pdf_is_a_pdf(sendcloud):
    parcel = sendcloud.create_parcel(parcel_request())

    pdf = sendcloud.fetch_label_pdf(parcel.id)
    a4 = sendcloud.fetch_label_pdf(parcel.id, printer="normal_printer", start_from=2)

    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert a4.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path", ["labels/label_printer/{id}", "label/label_printer/{id}", "parcels/{id}/documents/label"]
)
def test_both_label_url_forms_and_the_document_serve_pdf(sendcloud, sendcloud_sandbox, path):
    parcel = sendcloud.create_parcel(parcel_request())

    response = requests.get(
        f"{sendcloud_sandbox.base_url}/api/v2/{path.format(id=parcel.id)}",
        auth=("test-public-key", "test-secret-key"),
        timeout=5,
    )

    assert (response.status_code, response.headers["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


def test_parcel_without_label_is_not_announced_and_can_be_announced_later(sendcloud):
    draft = sendcloud.create_parcel(parcel_request(request_label=False))

    announced = sendcloud.create_parcel(parcel_request(request_label=True))

    assert (draft.status_id, draft.announced) == (999, False)
    assert (announced.id, announced.status_id, announced.announced) == (draft.id, 1000, True)


def test_retry_after_a_lost_500_response_creates_one_parcel(sendcloud, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("500", path="/api/v2/parcels", method="POST", after_effect=True)
    with pytest.raises(ProviderUnavailable) as first:
        sendcloud.create_parcel(parcel_request())

    parcel = sendcloud.create_parcel(parcel_request())

    assert first.value.retryable is True
    assert len(sendcloud_sandbox.parcels) == 1
    assert parcel.id == str(next(iter(sendcloud_sandbox.parcels)))
    assert [r["method"] for r in sendcloud_sandbox.requests] == ["GET", "POST", "GET"]


def test_retry_after_a_timeout_creates_one_parcel(sendcloud, sendcloud_sandbox):
    sendcloud_sandbox.timeout_seconds = 2.0
    sendcloud_sandbox.failures.arm("timeout", path="/api/v2/parcels", method="POST", after_effect=True)

    with pytest.raises(ProviderUnavailable) as first:
        sendcloud.create_parcel(parcel_request())
    parcel = sendcloud.create_parcel(parcel_request())

    assert "timed out" in first.value.message
    assert len(sendcloud_sandbox.parcels) == 1
    assert parcel.id == str(next(iter(sendcloud_sandbox.parcels)))


def test_a_500_before_the_provider_acted_is_retried_into_one_parcel(sendcloud, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("500", path="/api/v2/parcels", method="POST")
    with pytest.raises(ProviderUnavailable):
        sendcloud.create_parcel(parcel_request())

    sendcloud.create_parcel(parcel_request())

    assert len(sendcloud_sandbox.parcels) == 1


def test_duplicate_external_reference_is_rejected_by_the_provider(sendcloud, sendcloud_sandbox):
    sendcloud.create_parcel(parcel_request())

    response = requests.post(
        f"{sendcloud_sandbox.base_url}/api/v2/parcels",
        json={
            "parcel": {
                "name": "X",
                "address": "Y",
                "city": "Z",
                "postal_code": "1",
                "country": "DE",
                "external_reference": "NW-10042",
            }
        },
        auth=("test-public-key", "test-secret-key"),
        timeout=5,
    )

    assert response.status_code == 400
    assert "external_reference" in response.json()["error"]["message"]


def test_429_is_retryable_with_retry_after(sendcloud, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("429", retry_after=17)

    with pytest.raises(ProviderRateLimited) as caught:
        sendcloud.rates(RateRequest(to_country="DE", to_postal_code="10115", weight_g=500))

    assert (caught.value.retryable, caught.value.retry_after, caught.value.status_code) == (True, 17.0, 429)


def test_cancel_ready_to_send_parcel_is_queued(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())

    result = sendcloud.cancel_parcel(parcel.id)

    assert result.outcome == "queued"
    assert sendcloud.get_parcel(parcel.id).status_id == 1999


def test_cancel_announced_parcel_is_cancelled_and_stays_retrievable(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 1, deliver=False)

    result = sendcloud.cancel_parcel(parcel.id)

    assert (result.outcome, result.message) == ("cancelled", "Parcel has been cancelled")
    assert sendcloud.get_parcel(parcel.id).status_id == 2000


def test_cancel_unannounced_parcel_deletes_it(sendcloud):
    parcel = sendcloud.create_parcel(parcel_request(request_label=False))

    result = sendcloud.cancel_parcel(parcel.id)

    assert result.outcome == "deleted"
    with pytest.raises(ProviderNotFound):
        sendcloud.get_parcel(parcel.id)


def test_cancel_twice_is_refused(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 1, deliver=False)
    sendcloud.cancel_parcel(parcel.id)

    with pytest.raises(ProviderRejected) as caught:
        sendcloud.cancel_parcel(parcel.id)

    assert (caught.value.status_code, caught.value.message) == (400, "This parcel has already been cancelled.")


def test_cancel_delivered_parcel_is_refused(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 11, deliver=False)

    with pytest.raises(ProviderRejected) as caught:
        sendcloud.cancel_parcel(parcel.id)

    assert caught.value.message == "A delivered parcel cannot be cancelled."


def test_cancel_after_failed_announcement_is_gone(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 1002, deliver=False)

    with pytest.raises(ProviderNotFound) as caught:
        sendcloud.cancel_parcel(parcel.id)

    assert caught.value.status_code == 410


def test_cancel_unknown_parcel_is_not_found(sendcloud):
    with pytest.raises(ProviderNotFound) as caught:
        sendcloud.cancel_parcel("424242")

    assert caught.value.message == "No Parcel matches the given query."


def test_a_new_parcel_after_cancellation_needs_a_new_reference(sendcloud, sendcloud_sandbox):
    parcel = sendcloud.create_parcel(parcel_request())
    sendcloud_sandbox.advance(int(parcel.id), 2000, deliver=False)

    with pytest.raises(ProviderRejected):
        sendcloud.create_parcel(parcel_request())
    again = sendcloud.create_parcel(parcel_request(external_reference="NW-10042-2"))

    assert again.id != parcel.id


def test_lookup_follows_cursor_pagination(sendcloud, sendcloud_sandbox):
    sendcloud_sandbox.page_size = 1
    for suffix in ("a", "b", "c"):
        sendcloud.create_parcel(parcel_request(external_reference=f"NW-1-{suffix}"))

    found = sendcloud.find_parcel("NW-1-c")

    assert found is not None and found.external_reference == "NW-1-c"


def test_statuses(sendcloud):
    statuses = sendcloud.statuses()

    assert (statuses[11], statuses[1000], statuses[2000]) == ("Delivered", "Ready to send", "Cancelled")


def test_label_from_a_foreign_host_is_never_fetched_with_our_credentials(sendcloud):
    from integrations.errors import ProviderProtocolError

    with pytest.raises(ProviderProtocolError):
        sendcloud._request("GET", "http://evil.example/api/v2/label/label_printer/1")
