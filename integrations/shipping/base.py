"""The provider-neutral shipping interface the commerce core calls.

Weights are grams (int), prices `Decimal`; each provider's client converts to its wire format.
`external_reference` (the order number) makes parcel creation idempotent: a retry after a lost
response returns the parcel created the first time instead of a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class RateRequest:
    to_country: str  # ISO-2
    to_postal_code: str
    weight_g: int
    from_country: str = "DE"
    from_postal_code: str = ""
    service_point_id: str = ""


@dataclass(frozen=True)
class RateOption:
    shipping_method_id: str
    name: str
    carrier: str
    price: Decimal | None  # the provider's price for the destination; the shop applies its own prices
    currency: str
    min_weight_g: int
    max_weight_g: int
    service_point_required: bool
    lead_time_hours: int | None = None


@dataclass(frozen=True)
class ServicePointRequest:
    country: str
    postal_code: str
    carriers: tuple[str, ...] = ()
    radius_m: int = 5000


@dataclass(frozen=True)
class ServicePoint:
    id: str
    name: str
    carrier: str
    street: str
    house_number: str
    postal_code: str
    city: str
    country: str


@dataclass(frozen=True)
class Address:
    name: str
    street: str
    house_number: str
    postal_code: str
    city: str
    country: str  # ISO-2
    company_name: str = ""
    address_2: str = ""
    email: str = ""
    telephone: str = ""
    country_state: str = ""


@dataclass(frozen=True)
class ParcelRequest:
    external_reference: str  # the order number; unique per parcel at the provider
    address: Address
    weight_g: int
    shipping_method_id: str
    service_point_id: str = ""
    request_label: bool = True
    total_order_value: Decimal | None = None
    currency: str = "EUR"


@dataclass(frozen=True)
class Parcel:
    id: str
    external_reference: str
    tracking_number: str
    tracking_url: str
    status_id: int
    status: str
    label_url: str  # "" until a label exists
    announced: bool
    errors: tuple[str, ...] = ()  # carrier problems the provider reported inside the parcel
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CancelResult:
    outcome: str  # "cancelled" | "queued" | "deleted"
    message: str


class Tracking(StrEnum):
    """What a carrier's status means for the order, whatever the provider calls it."""

    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    PROBLEM = "problem"
    OTHER = "other"  # a status change that moves nothing (e.g. "announced")


@dataclass(frozen=True)
class WebhookEvent:
    """A verified webhook. `timestamp_ms` lets the caller drop events older than what it already applied."""

    action: str
    timestamp_ms: int
    event_id: str  # stable per delivery content: idempotency key for the log
    parcel_id: str = ""
    external_reference: str = ""
    order_number: str = ""
    tracking_number: str = ""
    status_id: int | None = None
    status: str = ""
    carrier_status_change_timestamp_ms: int | None = None
    # The provider's status in the shop's words; "" when the event is not a parcel status change.
    tracking: str = ""
    raw: dict = field(default_factory=dict)


class WebhookRejected(Exception):
    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@runtime_checkable
class ShippingProvider(Protocol):
    name: str

    def rates(self, request: RateRequest) -> list[RateOption]: ...

    def service_points(self, request: ServicePointRequest) -> list[ServicePoint]: ...

    def create_parcel(self, request: ParcelRequest) -> Parcel: ...

    def get_parcel(self, parcel_id: str) -> Parcel: ...

    def fetch_label_pdf(self, parcel_id: str) -> bytes: ...

    def cancel_parcel(self, parcel_id: str) -> CancelResult: ...

    def verify_webhook(self, raw_body: bytes, signature_header: str | None) -> WebhookEvent: ...
