"""The provider-neutral payment interface the commerce core calls.

Amounts are `Decimal` in the currency's major unit everywhere here; converting them into a
provider's wire format (float, minor units, strings) happens only inside that provider's client.
A notification is only ever handed to the shop after the provider client verified it: the
commerce core never sees unverified data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class PaymentRequest:
    """What the shop asks a hosted payment page to collect."""

    reference: str  # the order's payment reference; echoed back in the notification
    amount: Decimal
    currency: str  # ISO 4217, e.g. "EUR"
    customer_email: str
    customer_first_name: str
    customer_last_name: str
    customer_country: str  # ISO 3166-1 alpha-2
    language: str  # "de", "en"
    success_url: str
    decline_url: str


@dataclass(frozen=True)
class HostedPaymentRedirect:
    url: str
    expires_at: int | None = None  # unix time after which the provider rejects the link


@dataclass(frozen=True)
class RefundResult:
    succeeded: bool
    transaction_id: str  # the original payment's transaction id
    refund_id: str = ""  # the provider's id for this refund, if it gives one
    amount: Decimal | None = None
    currency: str = ""
    provider_code: str = ""
    message: str = ""  # the provider's own words, shown to staff on failure
    raw: Mapping = field(default_factory=dict)  # redacted response, for PaymentTransaction.raw_payload


@dataclass(frozen=True)
class ExpectedPayment:
    """What the shop is waiting for under a reference: the notification must match it exactly."""

    reference: str
    amount: Decimal
    currency: str


# reference -> ExpectedPayment, or None when no order awaits payment under that reference.
ExpectedPaymentLookup = Callable[[str], "ExpectedPayment | None"]


@dataclass(frozen=True)
class NotificationRequest:
    """The parts of an incoming HTTP notification a provider needs to verify it (no Django types)."""

    body: bytes
    remote_addr: str  # the client IP, already resolved through trusted proxies only
    path_token: str = ""  # secret token from the notification URL, if the provider uses one
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = ""


@dataclass(frozen=True)
class PaymentNotification:
    """A verified notification: the reference, amount and currency matched what the shop expected."""

    provider: str
    event_id: str  # idempotency key (the provider's transaction id, for example)
    kind: str  # "transaction"
    status: str  # "paid" | "failed"
    reference: str
    transaction_id: str
    amount: Decimal
    currency: str
    is_test: bool
    raw: Mapping = field(default_factory=dict)  # redacted payload for storage


class NotificationRejected(Exception):
    """A notification that must not change anything. `code` is a stable machine-readable reason."""

    def __init__(self, reason: str, code: str, *, event_id: str = "", reference: str = "", raw=None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.event_id = event_id
        self.reference = reference
        self.raw = raw or {}


@runtime_checkable
class PaymentProvider(Protocol):
    name: str

    def start_payment(self, request: PaymentRequest) -> HostedPaymentRedirect: ...

    def refund(self, transaction_id: str, amount: Decimal | None = None, currency: str = "") -> RefundResult:
        """Refund `amount` (None = in full). Raises ProviderError on transport/HTTP failures."""
        ...

    def parse_notification(self, request: NotificationRequest, expected: ExpectedPaymentLookup) -> PaymentNotification:
        """Verify and parse; raises NotificationRejected(reason, code) for anything not trustworthy."""
        ...

    def acknowledge(self, notification: PaymentNotification | None, error: str = "") -> tuple[str, str]:
        """The (body, content type) the provider expects in reply (success when error is empty)."""
        ...
