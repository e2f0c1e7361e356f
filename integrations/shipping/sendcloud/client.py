"""Sendcloud client (API v2): shipping methods, parcels with labels, cancellation, webhooks.

Production code; the sandbox stands in only through SENDCLOUD_BASE_URL. Parcel creation is
idempotent on `external_reference` (the order number): the parcel is looked up by
`order_number` before creating, and a "duplicate external_reference" answer is resolved by
looking it up again, so a retry after a lost response never produces a second parcel.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from decimal import Decimal
from urllib.parse import urlsplit

from integrations import transport
from integrations.errors import ProviderProtocolError, ProviderRejected
from integrations.inbound import check_storable, reject_constant
from integrations.redaction import redact
from integrations.shipping.base import (
    CancelResult,
    Parcel,
    ParcelRequest,
    RateOption,
    RateRequest,
    ServicePoint,
    ServicePointRequest,
    Tracking,
    WebhookEvent,
    WebhookRejected,
)

logger = logging.getLogger("integrations.sendcloud")

PROVIDER = "sendcloud"
SIGNATURE_HEADER = "Sendcloud-Signature"
STATUS_NO_LABEL = 999
STATUS_ANNOUNCEMENT_FAILED = 1002
CANCELLED_STATUSES = frozenset({1998, 1999, 2000, 2001})
STATUS_CHANGED = "parcel_status_changed"
# Parcel status ids grouped by what they mean for the order.
IN_TRANSIT = frozenset({3, 4, 5, 7, 12, 22, 62989, 62990, 91, 92})
DELIVERED = frozenset({11, 93})
PROBLEMS = frozenset({8, 15, 80, 1002, 62991, 62992, 62996, 62997})
MAX_LIST_PAGES = 20
# Seconds-vs-milliseconds boundary for webhook timestamps (Sendcloud sends milliseconds; either is accepted).
MILLISECONDS_THRESHOLD = 10**11


def grams_to_kg(weight_g: int) -> str:
    return str((Decimal(weight_g) / 1000).quantize(Decimal("0.001")))


def kg_to_grams(value) -> int:
    return int((Decimal(str(value)) * 1000).to_integral_value())


def error_message(payload) -> tuple[str, str]:
    """(message, code) from a v2 `{"error":{…}}`, a v3 `{"errors":[…]}` or a bare `{"message"}` body."""
    if not isinstance(payload, dict):
        return "", ""
    if isinstance(payload.get("error"), dict):
        error = payload["error"]
        return str(error.get("message", "")), str(error.get("code", ""))
    if isinstance(payload.get("errors"), list) and payload["errors"]:
        parts = []
        for error in payload["errors"]:
            pointer = (error.get("source") or {}).get("pointer", "")
            parts.append(f"{pointer}: {error.get('detail', '')}" if pointer else str(error.get("detail", "")))
        return "; ".join(parts), str(payload["errors"][0].get("code", ""))
    return str(payload.get("message", "")), ""


def service_points_url_for(base_url: str) -> str:
    """The service-point API lives on its own host in production; a sandbox serves it under its base URL."""
    if urlsplit(base_url).netloc == "panel.sendcloud.sc":
        return "https://servicepoints.sendcloud.sc/api/v2"
    return f"{base_url}/servicepoints/api/v2"


class SendcloudClient:
    name = PROVIDER

    def __init__(
        self,
        *,
        base_url: str,
        public_key: str,
        secret_key: str,
        partner_id: str = "",
        service_points_url: str = "",
        connect_timeout: float = 5.0,
        timeout: float = 20.0,
        session=None,
    ) -> None:
        self.base_url = re.sub(r"/api/v[23]/?$", "", base_url.rstrip("/"))
        self.service_points_url = (service_points_url or service_points_url_for(self.base_url)).rstrip("/")
        self.secret_key = secret_key
        self.public_key = public_key
        self.timeout = (connect_timeout, timeout)
        self.session = session or transport.new_session()
        self.session.auth = (public_key, secret_key)
        self.session.headers["Accept"] = "application/json"
        if partner_id:
            self.session.headers["Sendcloud-Partner-Id"] = partner_id

    @classmethod
    def from_settings(cls, **overrides) -> SendcloudClient:
        from django.conf import settings

        options = {
            "base_url": settings.SENDCLOUD_BASE_URL,
            "public_key": settings.SENDCLOUD_PUBLIC_KEY,
            "secret_key": settings.SENDCLOUD_SECRET_KEY,
            "partner_id": settings.SENDCLOUD_PARTNER_ID,
            "service_points_url": settings.SENDCLOUD_SERVICE_POINTS_URL,
            "connect_timeout": settings.SENDCLOUD_CONNECT_TIMEOUT,
            "timeout": settings.SENDCLOUD_TIMEOUT,
        }
        options.update(overrides)
        return cls(**options)

    def redact(self, payload):
        return redact(payload, secret_values=[self.secret_key])

    # --- transport ------------------------------------------------------------------
    def _request(self, method: str, path_or_url: str, **kwargs):
        url = path_or_url if path_or_url.startswith("http") else f"{self.base_url}{path_or_url}"
        if urlsplit(url).netloc not in {urlsplit(self.base_url).netloc, urlsplit(self.service_points_url).netloc}:
            # Never send our Basic credentials to a host that is not the configured Sendcloud.
            raise ProviderProtocolError(f"refusing to call foreign host {urlsplit(url).netloc}", provider=PROVIDER)
        return transport.send(self.session, method, url, provider=PROVIDER, timeout=self.timeout, **kwargs)

    def _check(self, response):
        if response.status_code < 300:
            return
        try:
            payload = transport.decode_json(response, provider=PROVIDER)
        except ProviderProtocolError:
            payload = None
        message, code = error_message(payload)
        transport.raise_for_status(response, provider=PROVIDER, message=message, code=code, payload=payload)

    def _json(self, method: str, path: str, **kwargs):
        response = self._request(method, path, **kwargs)
        self._check(response)
        return transport.decode_json(response, provider=PROVIDER)

    # --- rates ----------------------------------------------------------------------
    def rates(self, request: RateRequest) -> list[RateOption]:
        """Shipping methods that deliver to the destination and carry the weight (v2 shipping_methods)."""
        params = {"sender_address": "all", "to_country": request.to_country.upper()}
        if request.to_postal_code:
            params["to_postal_code"] = request.to_postal_code
        if request.from_postal_code:
            params["from_postal_code"] = request.from_postal_code
        if request.service_point_id:
            params["service_point_id"] = request.service_point_id
        payload = self._json("GET", "/api/v2/shipping_methods", params=params)
        options = []
        for method in payload.get("shipping_methods", []):
            min_g, max_g = kg_to_grams(method.get("min_weight", 0)), kg_to_grams(method.get("max_weight", 0))
            if not (min_g <= request.weight_g <= max_g):
                continue
            country = next(
                (c for c in method.get("countries", []) if c.get("iso_2", "").upper() == request.to_country.upper()),
                None,
            )
            if country is None:
                continue
            price = country.get("price", method.get("price"))
            options.append(
                RateOption(
                    shipping_method_id=str(method["id"]),
                    name=str(method.get("name", "")),
                    carrier=str(method.get("carrier", "")),
                    price=Decimal(str(price)) if price is not None else None,
                    currency="EUR",  # ASSUMPTION: v2 shipping_methods prices are in the account currency, EUR
                    min_weight_g=min_g,
                    max_weight_g=max_g,
                    service_point_required=method.get("service_point_input") == "required",
                    lead_time_hours=country.get("lead_time_hours"),
                )
            )
        return options

    def service_points(self, request: ServicePointRequest) -> list[ServicePoint]:
        """Pickup points near a postal code (service-point API v2, `GET /service-points`,
        built after sendcloud.dev). Only active points; the chosen id goes to `create_parcel`."""
        params = {"country": request.country.upper(), "address": request.postal_code, "radius": request.radius_m}
        if request.carriers:
            params["carrier"] = ",".join(request.carriers)
        payload = self._json("GET", f"{self.service_points_url}/service-points", params=params)
        if not isinstance(payload, list):
            raise ProviderProtocolError("service points: expected a list", provider=PROVIDER)
        return [
            ServicePoint(
                id=str(point["id"]),
                name=str(point.get("name", "")),
                carrier=str(point.get("carrier", "")),
                street=str(point.get("street", "")),
                house_number=str(point.get("house_number", "")),
                postal_code=str(point.get("postal_code", "")),
                city=str(point.get("city", "")),
                country=str(point.get("country", "")),
            )
            for point in payload
            if point.get("is_active", True) and point.get("id") is not None
        ]

    # --- parcels --------------------------------------------------------------------
    def _parcel(self, data: dict) -> Parcel:
        status = data.get("status") or {}
        label = data.get("label") or {}
        label_url = label.get("label_printer") or next(iter(label.get("normal_printer") or []), "") or ""
        errors = data.get("errors") or {}
        messages = tuple(str(m) for value in errors.values() for m in (value if isinstance(value, list) else [value]))
        return Parcel(
            id=str(data["id"]),
            external_reference=str(data.get("external_reference") or ""),
            tracking_number=str(data.get("tracking_number") or ""),
            tracking_url=str(data.get("tracking_url") or ""),
            status_id=int(status.get("id", 0)),
            status=str(status.get("message", "")),
            label_url=label_url,
            announced=bool(label_url) and int(status.get("id", 0)) not in (STATUS_NO_LABEL, STATUS_ANNOUNCEMENT_FAILED),
            errors=messages,
            raw=self.redact(data),
        )

    def get_parcel(self, parcel_id: str) -> Parcel:
        return self._parcel(self._json("GET", f"/api/v2/parcels/{parcel_id}")["parcel"])

    def find_parcel(self, external_reference: str) -> Parcel | None:
        """The live (not cancelled) parcel created under this external reference, if any.

        The v2 list filters by `order_number` (not `external_reference`), so we always send the
        order number as both and match `external_reference` exactly here.
        """
        url, params = "/api/v2/parcels", {"order_number": external_reference}
        for _ in range(MAX_LIST_PAGES):
            payload = self._json("GET", url, params=params)
            for data in payload.get("parcels", []):
                if str(data.get("external_reference") or "") != external_reference:
                    continue
                if int((data.get("status") or {}).get("id", 0)) in CANCELLED_STATUSES:
                    continue
                return self._parcel(data)
            if not payload.get("next"):
                return None
            url, params = payload["next"], None
        return None

    def _parcel_body(self, request: ParcelRequest) -> dict:
        address = request.address
        body = {
            "name": address.name,
            "company_name": address.company_name,
            "address": address.street,
            "house_number": address.house_number,
            "address_2": address.address_2,
            "city": address.city,
            "postal_code": address.postal_code,
            "country": address.country.upper(),
            "telephone": address.telephone,
            "email": address.email,
            "weight": grams_to_kg(request.weight_g),
            "order_number": request.external_reference,
            "external_reference": request.external_reference,
            "request_label": request.request_label,
            "shipment": {"id": int(request.shipping_method_id)},
        }
        if address.country_state:
            body["country_state"] = address.country_state
        if request.service_point_id:
            body["to_service_point"] = int(request.service_point_id)
        if request.total_order_value is not None:
            body["total_order_value"] = str(request.total_order_value.quantize(Decimal("0.01")))
            body["total_order_value_currency"] = request.currency
        return body

    def create_parcel(self, request: ParcelRequest) -> Parcel:
        existing = self.find_parcel(request.external_reference)
        if existing is not None:
            if request.request_label and not existing.announced:
                return self.announce_parcel(existing.id)
            return existing
        try:
            payload = self._json("POST", "/api/v2/parcels", json={"parcel": self._parcel_body(request)})
        except ProviderRejected as exc:
            if "external_reference" in exc.message:
                # Created by a concurrent or earlier attempt between our lookup and our POST.
                found = self.find_parcel(request.external_reference)
                if found is not None:
                    return found
            raise
        return self._parcel(payload["parcel"])

    def announce_parcel(self, parcel_id: str) -> Parcel:
        """Request the label of a parcel created without one (PUT with request_label)."""
        payload = self._json("PUT", "/api/v2/parcels", json={"parcel": {"id": int(parcel_id), "request_label": True}})
        return self._parcel(payload["parcel"])

    def fetch_label_pdf(self, parcel_id: str, *, printer: str = "label_printer", start_from: int = 0) -> bytes:
        """The label PDF; `printer` "normal_printer" gives the A4 sheet with the label at `start_from` 0..3."""
        label = self._json("GET", f"/api/v2/labels/{parcel_id}")["label"]
        url = label["label_printer"] if printer == "label_printer" else label["normal_printer"][start_from]
        response = self._request("GET", url, headers={"Accept": "application/pdf"})
        self._check(response)
        if not response.content.startswith(b"%PDF"):
            raise ProviderProtocolError("label is not a PDF", provider=PROVIDER, status_code=response.status_code)
        return response.content

    def cancel_parcel(self, parcel_id: str) -> CancelResult:
        """Cancel (announced) or delete (unannounced) a parcel; 400/404/410 raise with Sendcloud's message."""
        response = self._request("POST", f"/api/v2/parcels/{parcel_id}/cancel")
        self._check(response)
        payload = transport.decode_json(response, provider=PROVIDER) or {}
        outcome = "queued" if response.status_code == 202 else str(payload.get("status", "cancelled"))
        return CancelResult(outcome=outcome, message=str(payload.get("message", "")))

    def statuses(self) -> dict[int, str]:
        return {int(item["id"]): str(item["message"]) for item in self._json("GET", "/api/v2/parcels/statuses")}

    # --- webhooks ------------------------------------------------------------------
    def signature(self, raw_body: bytes) -> str:
        return hmac.new(self.secret_key.encode(), raw_body, hashlib.sha256).hexdigest()

    def verify_webhook(self, raw_body: bytes, signature_header: str | None) -> WebhookEvent:
        """Check `Sendcloud-Signature` in constant time, then parse. Order is not guaranteed: the caller
        compares `timestamp_ms` with the last one it applied for the parcel."""
        if not signature_header:
            raise WebhookRejected("missing Sendcloud-Signature header", "missing_signature")
        if not hmac.compare_digest(self.signature(raw_body), signature_header.strip().lower()):
            raise WebhookRejected("signature does not match", "invalid_signature")
        return parse_webhook(raw_body)


# Field limits of ShippingWebhookLog; Sendcloud's own values are far shorter.
MAX_ACTION_LENGTH = 64
MAX_IDENTIFIER_LENGTH = 64
MAX_STATUS_MESSAGE_LENGTH = 200
MAX_STATUS_ID = 2**31 - 1
MAX_TIMESTAMP_MS = 10**16  # the year 2286; anything later is not a timestamp


def tracking(action: str, status_id: int | None) -> str:
    """Sendcloud's parcel status id in the shop's words (`Tracking`); "" for other webhooks."""
    if action != STATUS_CHANGED:
        return ""
    if status_id in DELIVERED:
        return Tracking.DELIVERED
    if status_id in IN_TRANSIT:
        return Tracking.IN_TRANSIT
    if status_id in PROBLEMS:
        return Tracking.PROBLEM
    return Tracking.OTHER


def parse_webhook(raw_body: bytes) -> WebhookEvent:
    """The event in a (verified) webhook body; WebhookRejected("malformed") for anything else, never another error.

    ASSUMPTION (Sendcloud documents ids and timestamps as JSON integers): digit strings are
    tolerated too, fractions of a timestamp are cut off; every other shape is refused.
    """
    try:
        payload = json.loads(raw_body, parse_constant=reject_constant)
        check_storable(payload)
    except RecursionError:
        raise _malformed("nested too deeply") from None
    except ValueError as exc:  # also invalid UTF-8 and UnstorablePayload
        raise _malformed(str(exc)) from exc
    if not isinstance(payload, dict):
        raise _malformed("not a JSON object")
    parcel = _mapping(payload.get("parcel"), "parcel")
    status = _mapping(parcel.get("status"), "parcel.status")
    action = _text(payload.get("action"), "action", MAX_ACTION_LENGTH)
    if not action:
        raise _malformed("action is required")
    timestamp = _integer(payload.get("timestamp"), "timestamp")
    if timestamp is None or timestamp <= 0:
        raise _malformed("timestamp is required")
    timestamp_ms = to_milliseconds(timestamp)
    if timestamp_ms > MAX_TIMESTAMP_MS:
        raise _malformed("timestamp out of range")
    carrier_ts = _integer(payload.get("carrier_status_change_timestamp"), "carrier_status_change_timestamp")
    carrier_ts_ms = to_milliseconds(carrier_ts) if carrier_ts else None
    if carrier_ts_ms is not None and not 0 < carrier_ts_ms <= MAX_TIMESTAMP_MS:
        raise _malformed("carrier_status_change_timestamp out of range")
    status_id = _integer(status.get("id"), "parcel.status.id")
    if status_id is not None and not 0 <= status_id <= MAX_STATUS_ID:
        raise _malformed("parcel.status.id out of range")
    parcel_id = _text(parcel.get("id"), "parcel.id")
    return WebhookEvent(
        action=action,
        timestamp_ms=timestamp_ms,
        event_id=f"{action}:{parcel_id}:{'' if status_id is None else status_id}:{timestamp_ms}",
        parcel_id=parcel_id,
        external_reference=_text(parcel.get("external_reference"), "external_reference"),
        order_number=_text(parcel.get("order_number"), "order_number"),
        tracking_number=_text(parcel.get("tracking_number"), "tracking_number"),
        status_id=status_id,
        status=_text(status.get("message"), "parcel.status.message", None)[:MAX_STATUS_MESSAGE_LENGTH],
        carrier_status_change_timestamp_ms=carrier_ts_ms,
        tracking=tracking(action, status_id),
        raw=payload,
    )


def _malformed(reason: str) -> WebhookRejected:
    return WebhookRejected(f"malformed payload: {reason}", "malformed")


def _mapping(value, name: str) -> dict:
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise _malformed(f"{name} is not an object")
    return value


def _text(value, name: str, max_length: int | None = MAX_IDENTIFIER_LENGTH) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _malformed(f"{name} is not a string or number")
    text = str(value).strip()
    if max_length is not None and len(text) > max_length:
        raise _malformed(f"{name} is longer than {max_length} characters")
    return text


def _integer(value, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _malformed(f"{name} is not an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)  # finite: check_storable refused NaN and Infinity
    if isinstance(value, str) and value.isascii() and value.strip().isdigit() and len(value.strip()) <= 19:
        return int(value.strip())
    raise _malformed(f"{name} is not an integer: {str(value)[:40]!r}")


def to_milliseconds(timestamp: int) -> int:
    return timestamp if timestamp >= MILLISECONDS_THRESHOLD else timestamp * 1000
