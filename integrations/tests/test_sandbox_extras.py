"""Sandbox behaviour used by other tests and by developers: gateway payments, v3 options, control endpoints."""

import requests

from integrations.sandbox.vendo import CARD_DECLINED, CARD_VERIFICATION_REQUIRED


def gateway_payment(sandbox, card=None, **extra):
    body = {
        "api_secret": sandbox.api_secret,
        "merchant_id": sandbox.merchant_id,
        "is_test": 1,
        "site_id": sandbox.site_id,
        "amount": 12.5,
        "currency": "EUR",
        "external_references": {"transaction_reference": "NW-7"},
        "payment_details": {"payment_method": "card", "card_number": card or "4111111111111111"},
        "request_details": {"ip_address": "198.51.100.7"},
    }
    body.update(extra)
    return requests.post(f"{sandbox.base_url}/api/gateway/payment", json=body, timeout=5).json()


def test_gateway_payment_approves_a_normal_card(vendo_sandbox):
    answer = gateway_payment(vendo_sandbox)

    assert (answer["status"], answer["transaction"]["amount"], answer["external_references"]) == (
        1,
        12.5,
        {"transaction_reference": "NW-7"},
    )


def test_gateway_payment_declines_the_magic_card(vendo_sandbox):
    answer = gateway_payment(vendo_sandbox, CARD_DECLINED)

    assert (answer["status"], answer["error"]["message"]) == (0, "Card declined")


def test_gateway_payment_verification_round_trip(vendo_sandbox):
    first = gateway_payment(vendo_sandbox, CARD_VERIFICATION_REQUIRED)
    page = requests.get(first["result"]["verification_url"], timeout=5)

    second = gateway_payment(vendo_sandbox, payment_details={"verification_id": first["result"]["verification_id"]})

    assert first["status"] == 2
    assert page.status_code == 200
    assert second["status"] == 1


def test_v3_shipping_options_validation_and_catalogue(sendcloud_sandbox):
    auth = ("test-public-key", "test-secret-key")
    url = f"{sendcloud_sandbox.base_url}/api/v3/shipping-options"

    invalid = requests.post(url, json={"to_address": {}}, auth=auth, timeout=5)
    valid = requests.post(url, json={"from_address": {}, "to_address": {}, "carrier_code": "dpd"}, auth=auth, timeout=5)

    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["source"] == {"pointer": "/from_address"}
    assert [option["code"] for option in valid.json()["data"]] == ["dpd:classic"]


def test_fail_next_over_http_arms_a_rate_limit_with_headers(sendcloud_sandbox):
    requests.post(f"{sendcloud_sandbox.base_url}/_control/fail-next", json={"mode": "429", "retry_after": 9}, timeout=5)

    response = requests.get(
        f"{sendcloud_sandbox.base_url}/api/v2/parcels/statuses", auth=("test-public-key", "test-secret-key"), timeout=5
    )

    assert response.status_code == 429
    assert (response.headers["Retry-After"], response.headers["X-RateLimit-Remaining"]) == ("9", "0")
    assert response.json()["error"]["code"] == 429


def test_control_reset_forgets_everything(vendo_sandbox):
    gateway_payment(vendo_sandbox)

    requests.post(f"{vendo_sandbox.base_url}/_control/reset", timeout=5)

    assert requests.get(f"{vendo_sandbox.base_url}/_control/state", timeout=5).json() == {
        "transactions": {},
        "postbacks": [],
    }
