"""One place where provider HTTP calls meet `requests`: timeouts always, errors mapped once.

Provider clients turn their own error envelopes into messages; this module only decides the
class of failure (retryable or not) from the transport and the HTTP status.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from email.utils import parsedate_to_datetime

import requests
from django.utils import timezone

from integrations.errors import (
    ProviderAuthenticationFailed,
    ProviderError,
    ProviderNotFound,
    ProviderProtocolError,
    ProviderRateLimited,
    ProviderRejected,
    ProviderUnavailable,
)

logger = logging.getLogger("integrations")

USER_AGENT = "Naturwest-Shop/1.0 (+https://naturwest.de)"


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def retry_after_seconds(headers) -> float | None:
    """Seconds to wait from `Retry-After` (seconds or HTTP date), else `X-RateLimit-Reset` (seconds)."""
    value = headers.get("Retry-After")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, (parsedate_to_datetime(value) - timezone.now()).total_seconds())
            except (TypeError, ValueError):
                pass
    reset = headers.get("X-RateLimit-Reset")
    if reset:
        try:
            return max(0.0, float(reset))
        except ValueError:
            return None
    return None


def send(session: requests.Session, method: str, url: str, *, provider: str, timeout, **kwargs) -> requests.Response:
    """Perform a request; raise ProviderUnavailable on timeouts and connection failures."""
    try:
        return session.request(method, url, timeout=timeout, **kwargs)
    except requests.Timeout as exc:
        raise ProviderUnavailable(f"timed out: {method} {_path(url)}", provider=provider) from exc
    except requests.ConnectionError as exc:
        raise ProviderUnavailable(f"connection failed: {method} {_path(url)}", provider=provider) from exc
    except requests.RequestException as exc:
        raise ProviderUnavailable(f"request failed: {method} {_path(url)}: {exc}", provider=provider) from exc


def decode_json(response: requests.Response, *, provider: str):
    """JSON with Decimal for every non-integer number (money never becomes a float)."""
    try:
        return json.loads(response.content or b"null", parse_float=Decimal)
    except ValueError as exc:
        raise ProviderProtocolError(
            f"unreadable response (HTTP {response.status_code})", provider=provider, status_code=response.status_code
        ) from exc


def raise_for_status(response: requests.Response, *, provider: str, message: str, code: str = "", payload=None):
    """Map a non-2xx status to the error hierarchy; `message` is the provider's own explanation."""
    status = response.status_code
    kwargs = {"provider": provider, "status_code": status, "provider_code": code, "payload": payload}
    if status == 429:
        raise ProviderRateLimited(
            message or "rate limited", retry_after=retry_after_seconds(response.headers), **kwargs
        )
    if status >= 500:
        raise ProviderUnavailable(message or "server error", **kwargs)
    if status in (401, 403):
        raise ProviderAuthenticationFailed(message or "authentication failed", **kwargs)
    if status in (404, 410):
        raise ProviderNotFound(message or "not found", **kwargs)
    if status >= 400:
        raise ProviderRejected(message or "request rejected", **kwargs)
    if status >= 300:
        raise ProviderError(message or f"unexpected redirect {status}", **kwargs)


def _path(url: str) -> str:
    """The URL without its query string: queries may carry signatures or tokens."""
    return url.split("?", 1)[0]
