"""The production Vendo client against the Vendo sandbox over real HTTP."""

from decimal import Decimal

import pytest
import requests

from integrations.errors import ProviderAuthenticationFailed, ProviderRateLimited, ProviderUnavailable
from integrations.payments.base import HostedPaymentRedirect, PaymentProvider, PaymentRequest
from integrations.payments.vendo.client import VendoClient, to_wire_amount


def payment_request(**overrides) -> PaymentRequest:
    values = {
        "reference": "NW-10042",
        "amount": Decimal("49.90"),
        "currency": "EUR",
        "customer_email": "ada@example.org",
        "customer_first_name": "Ada",
        "customer_last_name": "Lovelace",
        "customer_country": "de",
        "language": "de",
        "success_url": "https://shop.example/checkout/success/",
        "decline_url": "https://shop.example/checkout/payment/",
    }
    values.update(overrides)
    return PaymentRequest(**values)


def pay_on_hosted_page(url: str, outcome: str = "success", **extra) -> requests.Response:
    """What the buyer's browser does: open the page, press a button on its form."""
    page = requests.get(url, timeout=5)
    assert page.status_code == 200, page.text
    query = url.split("?", 1)[1]
    action = url.split("?", 1)[0] + "/complete"
    return requests.post(action, data={"query": query, "outcome": outcome, **extra}, allow_redirects=False, timeout=5)


def paid_transaction(vendo, vendo_sandbox, amount="49.90") -> str:
    redirect = vendo.start_payment(payment_request(amount=Decimal(amount)))
    done = pay_on_hosted_page(redirect.url)
    assert done.status_code == 303
    return next(iter(vendo_sandbox.transactions))


def test_client_satisfies_the_payment_provider_protocol(vendo):
    assert isinstance(vendo, PaymentProvider)


def test_hosted_page_accepts_the_signed_url(vendo):
    redirect = vendo.start_payment(payment_request())

    page = requests.get(redirect.url, timeout=5)

    assert isinstance(redirect, HostedPaymentRedirect)
    assert page.status_code == 200
    assert '<strong id="amount">49.90 EUR</strong>' in page.text
    assert '<code id="reference">NW-10042</code>' in page.text


def test_hosted_page_rejects_a_tampered_amount(vendo):
    url = vendo.start_payment(payment_request()).url

    page = requests.get(url.replace("amount=49.90", "amount=0.01"), timeout=5)

    assert page.status_code == 403
    assert "Invalid signature" in page.text


def test_hosted_page_rejects_a_url_signed_with_another_secret(vendo):
    forger = VendoClient.from_settings(
        base_url=vendo.base_url, site_id=vendo.site_id, shared_secret="guessed", postback_allowed_ips=[]
    )

    page = requests.get(forger.start_payment(payment_request()).url, timeout=5)

    assert page.status_code == 403
    assert "Invalid signature" in page.text


def test_hosted_page_rejects_an_expired_link(vendo):
    url = vendo.start_payment(payment_request(), now=1_000_000).url

    page = requests.get(url, timeout=5)

    assert page.status_code == 403
    assert "expired" in page.text


def test_success_button_redirects_to_success_url_and_records_the_payment(vendo, vendo_sandbox):
    done = pay_on_hosted_page(vendo.start_payment(payment_request()).url)

    [transaction] = vendo_sandbox.transactions.values()
    assert done.headers["Location"] == (f"https://shop.example/checkout/success/?transaction_id={transaction['id']}")
    assert (transaction["reference"], transaction["amount"], transaction["currency"]) == (
        "NW-10042",
        Decimal("49.90"),
        "EUR",
    )


def test_decline_button_redirects_to_decline_url_without_a_payment(vendo, vendo_sandbox):
    done = pay_on_hosted_page(vendo.start_payment(payment_request()).url, outcome="decline")

    assert done.headers["Location"] == "https://shop.example/checkout/payment/"
    assert vendo_sandbox.transactions == {}


def test_verification_switch_shows_the_verification_step_first(vendo, vendo_sandbox):
    done = pay_on_hosted_page(vendo.start_payment(payment_request()).url, verification="1")

    assert done.status_code == 200
    assert 'id="verify-approve"' in done.text
    assert vendo_sandbox.transactions == {}


def test_full_refund(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)

    result = vendo.refund(transaction_id)

    assert (result.succeeded, result.amount, result.currency) == (True, Decimal("49.90"), "EUR")
    assert vendo_sandbox.transactions[transaction_id]["status"] == "refunded"


def test_partial_refunds_up_to_the_paid_amount(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)

    first = vendo.refund(transaction_id, Decimal("10.00"), "EUR")
    second = vendo.refund(transaction_id, Decimal("39.90"), "EUR")

    assert (first.succeeded, first.amount) == (True, Decimal("10.0"))
    assert (second.succeeded, second.amount) == (True, Decimal("39.9"))
    assert vendo_sandbox.transactions[transaction_id]["refunded"] == Decimal("49.90")


def test_double_refund_fails_with_vendos_message(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    vendo.refund(transaction_id)

    again = vendo.refund(transaction_id)

    assert (again.succeeded, again.provider_code, again.message) == (False, "5906", "Transaction already refunded")


def test_refund_exceeding_the_remaining_amount_fails_and_changes_nothing(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    vendo.refund(transaction_id, Decimal("40.00"), "EUR")

    result = vendo.refund(transaction_id, Decimal("10.00"), "EUR")

    assert (result.succeeded, result.provider_code) == (False, "5908")
    assert vendo_sandbox.transactions[transaction_id]["refunded"] == Decimal("40.00")


def test_refund_result_never_contains_the_api_secret(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)

    result = vendo.refund(transaction_id)

    assert "test-api-secret" not in repr(result)
    assert vendo.redact({"api_secret": "test-api-secret", "amount": 1}) == {"api_secret": "[redacted]", "amount": 1}


def test_refund_with_wrong_api_secret_raises_authentication_failed(vendo, vendo_sandbox):
    transaction_id = paid_transaction(vendo, vendo_sandbox)
    vendo.api_secret = "wrong"

    with pytest.raises(ProviderAuthenticationFailed) as caught:
        vendo.refund(transaction_id)

    assert caught.value.message == "Invalid API credentials"
    assert caught.value.retryable is False


def test_gateway_500_is_retryable(vendo, vendo_sandbox):
    vendo_sandbox.failures.arm("500")

    with pytest.raises(ProviderUnavailable) as caught:
        vendo.refund("70000001")

    assert (caught.value.retryable, caught.value.status_code) == (True, 500)


def test_gateway_timeout_is_retryable(vendo, vendo_sandbox):
    vendo_sandbox.timeout_seconds = 2.0
    vendo_sandbox.failures.arm("timeout")

    with pytest.raises(ProviderUnavailable) as caught:
        vendo.refund("70000001")

    assert caught.value.retryable is True
    assert "timed out" in caught.value.message


def test_gateway_429_is_retryable_after_the_announced_delay(vendo, vendo_sandbox):
    vendo_sandbox.failures.arm("429", retry_after=42)

    with pytest.raises(ProviderRateLimited) as caught:
        vendo.refund("70000001")

    assert (caught.value.retryable, caught.value.retry_after) == (True, 42.0)


def test_gateway_rate_limit_per_ip(vendo, vendo_sandbox):
    vendo_sandbox.rate_limit = 2
    vendo.refund("1")
    vendo.refund("1")

    with pytest.raises(ProviderRateLimited):
        vendo.refund("1")


def test_wire_amount_refuses_fractions_of_a_cent():
    assert to_wire_amount(Decimal("10.5"), "EUR") == 10.5
    with pytest.raises(ValueError):
        to_wire_amount(Decimal("10.005"), "EUR")
