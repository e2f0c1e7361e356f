"""Client IP resolution behind proxies, and secret redaction."""

from integrations.network import client_ip
from integrations.redaction import redact


def test_without_trusted_proxies_forwarded_for_is_ignored():
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "127.0.0.1"}

    assert client_ip(meta, trusted_proxies=0) == "203.0.113.9"


def test_one_trusted_proxy_uses_the_address_it_appended():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "127.0.0.1, 198.51.100.7"}

    assert client_ip(meta, trusted_proxies=1) == "198.51.100.7"


def test_two_trusted_proxies_skip_the_inner_one():
    meta = {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7, 10.0.0.2"}

    assert client_ip(meta, trusted_proxies=2) == "198.51.100.7"


def test_too_few_forwarded_entries_fall_back_to_remote_addr():
    assert client_ip({"REMOTE_ADDR": "10.0.0.2"}, trusted_proxies=1) == "10.0.0.2"


def test_redact_masks_secret_keys_and_values_in_nested_payloads():
    payload = {
        "api_secret": "s3cr3t",
        "nested": [{"card_number": "4111111111111111", "note": "url /postback/tok3n/"}],
        "amount": 12,
    }

    assert redact(payload, secret_values=["tok3n"]) == {
        "api_secret": "[redacted]",
        "nested": [{"card_number": "[redacted]", "note": "url /postback/[redacted]/"}],
        "amount": 12,
    }
