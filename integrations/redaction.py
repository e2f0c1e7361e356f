"""Remove secrets from provider payloads before they are logged or stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

REDACTED = "[redacted]"
# Keys that carry credentials or card data in any provider payload we handle.
SECRET_KEYS = frozenset(
    {
        "api_secret",
        "shared_secret",
        "secret",
        "secret_key",
        "password",
        "authorization",
        "signature",
        "card_number",
        "cvv",
        "token",
        "payment_details_token",
        "sendcloud-signature",
    }
)


def redact(payload: Any, *, secret_values: Iterable[str] = (), keys: Iterable[str] = SECRET_KEYS) -> Any:
    """Copy of `payload` with secret keys replaced and any known secret value masked wherever it appears.

    Works on nested dicts/lists/tuples and strings (e.g. URLs with a signature or a token in the path).
    """
    key_set = {key.lower() for key in keys}
    values = [value for value in secret_values if value]

    def clean(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: REDACTED if str(k).lower() in key_set else clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(item) for item in value]
        if isinstance(value, str):
            for secret in values:
                value = value.replace(secret, REDACTED)
            return value
        return value

    return clean(payload)
