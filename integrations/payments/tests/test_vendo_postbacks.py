"""Vendo postback verification by the client, with postbacks built by the sandbox."""

from decimal import Decimal

import pytest

from integrations.payments.base import ExpectedPayment, NotificationRejected, NotificationRequest
from integrations.payments.tests.test_vendo_client import paid_transaction
from integrations.payments.vendo.client import postback_response
from testing.providers import POSTBACK_TOKEN

AWAITED = {"NW-10042": ExpectedPayment("NW-10042", Decimal("49.90"), "EUR")}


def lookup(reference):
    return AWAITED.get(reference)


def postback(vendo_sandbox, transaction_id, *, remote_addr="127.0.0.1", token=POSTBACK_TOKEN, **overrides):
    from urllib.parse import urlencode

    body = urlencode(vendo_sandbox.postback_fields(transaction_id, overrides)).encode()
    return NotificationRequest(body=body, remote_addr=remote_addr, path_token=token)


@pytest.fixture
def transaction_id(vendo, vendo_sandbox):
    return paid_transaction(vendo, vendo_sandbox)


def rejection_code(vendo, request) -> str:
    with pytest.raises(NotificationRejected) as caught:
        vendo.parse_notification(request, lookup)
    return caught.value.code


def test_valid_postback_is_parsed(vendo, vendo_sandbox, transaction_id):
    notification = vendo.parse_notification(postback(vendo_sandbox, transaction_id), lookup)

    assert (notification.event_id, notification.reference, notification.amount, notification.currency) == (
        transaction_id,
        "NW-10042",
        Decimal("49.90"),
        "EUR",
    )
    assert (notification.status, notification.kind, notification.is_test) == ("paid", "transaction", True)


def test_postback_from_another_allow_listed_network_is_accepted(vendo, vendo_sandbox, transaction_id):
    notification = vendo.parse_notification(postback(vendo_sandbox, transaction_id, remote_addr="10.20.3.4"), lookup)

    assert notification.transaction_id == transaction_id


def test_postback_from_a_foreign_address_is_rejected(vendo, vendo_sandbox, transaction_id):
    assert (
        rejection_code(vendo, postback(vendo_sandbox, transaction_id, remote_addr="203.0.113.9")) == "forbidden_source"
    )


def test_postback_with_a_forged_token_is_rejected(vendo, vendo_sandbox, transaction_id):
    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id, token="guess")) == "invalid_token"


def test_postback_with_a_wrong_amount_is_rejected(vendo, vendo_sandbox, transaction_id):
    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id, amount="4.99")) == "amount_mismatch"


def test_postback_with_a_wrong_currency_is_rejected(vendo, vendo_sandbox, transaction_id):
    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id, currency="USD")) == "currency_mismatch"


def test_postback_for_an_unknown_reference_is_rejected(vendo, vendo_sandbox, transaction_id):
    request = postback(vendo_sandbox, transaction_id, merchant_reference="NW-99999")

    with pytest.raises(NotificationRejected) as caught:
        vendo.parse_notification(request, lookup)

    assert (caught.value.code, caught.value.event_id, caught.value.reference) == (
        "unknown_reference",
        transaction_id,
        "NW-99999",
    )


def test_postback_for_another_merchant_is_rejected(vendo, vendo_sandbox, transaction_id):
    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id, merchant_id="1")) == "wrong_account"


def test_test_postback_is_rejected_by_a_live_installation(vendo, vendo_sandbox, transaction_id):
    vendo.test_mode = False

    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id)) == "test_in_live"


def test_other_callbacks_are_rejected(vendo, vendo_sandbox, transaction_id):
    assert rejection_code(vendo, postback(vendo_sandbox, transaction_id, callback="addUser")) == "unsupported_callback"


def test_acknowledgements_are_vendos_xml():
    assert (
        postback_response("transaction")
        == "<postbackResponse><transaction><code>1</code></transaction></postbackResponse>"
    )
    assert postback_response("transaction", "amount <mismatch>") == (
        "<postbackResponse><transaction><code>2</code><errorMessage>amount &lt;mismatch&gt;</errorMessage>"
        "</transaction></postbackResponse>"
    )


def test_stored_payload_has_no_secret(vendo, vendo_sandbox, transaction_id):
    request = postback(vendo_sandbox, transaction_id, note=f"token {POSTBACK_TOKEN}")

    notification = vendo.parse_notification(request, lookup)

    assert notification.raw["note"] == "token [redacted]"
