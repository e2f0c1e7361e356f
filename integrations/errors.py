"""Errors every provider client raises, so callers decide on retries without knowing the provider.

`retryable` is the only thing a task needs: timeouts, connection failures, 5xx and 429 may
succeed later (429 says when, in `retry_after` seconds); anything else is the provider telling us
the request itself is wrong, and repeating it would fail the same way.
"""

from __future__ import annotations


class ProviderError(Exception):
    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        status_code: int | None = None,
        provider_code: str = "",
        retry_after: float | None = None,
        payload: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.status_code = status_code
        self.provider_code = provider_code
        self.retry_after = retry_after
        self.payload = payload

    def __str__(self) -> str:
        status = f" (HTTP {self.status_code})" if self.status_code else ""
        return f"{self.provider}: {self.message}{status}" if self.provider else self.message


class ProviderUnavailable(ProviderError):
    """Timeout, connection failure or 5xx: the provider may or may not have acted. Retry idempotently."""

    retryable = True


class ProviderRateLimited(ProviderUnavailable):
    """429: retry after `retry_after` seconds (None when the provider did not say)."""


class ProviderRejected(ProviderError):
    """4xx: the provider refused the request; `message` is the provider's own explanation."""


class ProviderAuthenticationFailed(ProviderRejected):
    """401/403: credentials are wrong or missing. Retrying cannot help; staff must fix the settings."""


class ProviderNotFound(ProviderRejected):
    """404: the object does not exist at the provider."""


class ProviderProtocolError(ProviderError):
    """The provider answered something we cannot read (not JSON, missing fields)."""

    retryable = True
