"""A Sendcloud sandbox (API v2 plus v3 shipping options).

Mounted by the dev server at /_sandbox/sendcloud/ and served on loopback ports in tests.
Control endpoints (not Sendcloud's API) live under /_control/:

- POST /_control/fail-next   {"mode": "timeout|500|503|429", "count": 1, "path": "/api/v2/parcels",
                              "after_effect": false}
- POST /_control/config      {"webhook_url": "...", "webhook_attempts": 3, "page_size": 100}
- POST /_control/parcels/<id>/status    {"status_id": 11, "deliver": true, "timestamp": <ms>}
- POST /_control/parcels/<id>/webhooks  {"status_ids": [3, 11], "order": "reverse"}  out-of-order delivery
- GET  /_control/state
Service points (Sendcloud's separate service-point API, production host servicepoints.sendcloud.sc)
are served under /servicepoints/api/v2/service-points[/<id>], Basic auth as for the panel API.
- POST /_control/reset
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import secrets
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from html import escape
from urllib.parse import urlencode

import requests
from werkzeug.wrappers import Request, Response

from integrations.sandbox.base import route
from integrations.sandbox.failures import Failure, SwitchableSandbox
from integrations.sandbox.pdf import label_pdf
from integrations.sandbox.settings import project_setting

STATUSES = {
    1: "Announced",
    3: "En route to sorting center",
    4: "Delivery delayed",
    5: "Sorted",
    6: "Not sorted",
    7: "Being sorted",
    8: "Delivery attempt failed",
    11: "Delivered",
    12: "Awaiting customer pickup",
    13: "Announced: not collected",
    15: "Error collecting",
    22: "Shipment picked up by driver",
    80: "Unable to deliver",
    91: "Parcel en route",
    92: "Driver en route",
    93: "Shipment collected by customer",
    999: "No label",
    1000: "Ready to send",
    1001: "Being announced",
    1002: "Announcement failed",
    1337: "Unknown status - check carrier track & trace page for more insights",
    1998: "Cancelled upstream",
    1999: "Cancellation requested",
    2000: "Cancelled",
    2001: "Submitting cancellation request",
    62989: "Parcel held at customs",
    62990: "At sorting centre",
    62991: "Refused by recipient",
    62992: "Returned to sender",
    62996: "Lost or damaged",
    62997: "Address incorrect",
}


def _country(iso_2: str, price: str, lead_time_hours: int = 24) -> dict:
    names = {
        "DE": ("Germany", "DEU"),
        "AT": ("Austria", "AUT"),
        "NL": ("Netherlands", "NLD"),
        "CH": ("Switzerland", "CHE"),
    }
    name, iso_3 = names[iso_2]
    return {
        "id": {"DE": 1, "AT": 2, "NL": 3, "CH": 4}[iso_2],
        "name": name,
        "price": float(price),
        "iso_2": iso_2,
        "iso_3": iso_3,
        "lead_time_hours": lead_time_hours,
        "price_breakdown": [{"type": "price_without_insurance", "label": "Label", "value": float(price)}],
    }


SHIPPING_METHODS = [
    {
        "id": 8,
        "name": "DHL Paket 0-31.5kg",
        "carrier": "dhl",
        "min_weight": "0.001",
        "max_weight": "31.500",
        "service_point_input": "none",
        "price": 0,
        "countries": [_country("DE", "4.99"), _country("AT", "9.99", 48), _country("NL", "9.99", 48)],
    },
    {
        "id": 9,
        "name": "DPD Classic 0-31.5kg",
        "carrier": "dpd",
        "min_weight": "0.001",
        "max_weight": "31.500",
        "service_point_input": "none",
        "price": 0,
        "countries": [_country("DE", "4.49"), _country("AT", "8.49", 48)],
    },
    {
        "id": 10,
        "name": "DHL Paket Shop Delivery 0-20kg",
        "carrier": "dhl",
        "min_weight": "0.001",
        "max_weight": "20.000",
        "service_point_input": "required",
        "price": 0,
        "countries": [_country("DE", "3.99")],
    },
    {
        "id": 11,
        "name": "DHL Warenpost 0-1kg",
        "carrier": "dhl",
        "min_weight": "0.001",
        "max_weight": "1.000",
        "service_point_input": "none",
        "price": 0,
        "countries": [_country("DE", "2.99")],
    },
]
SHIPPING_OPTIONS = [
    {"code": "dhl:paket", "name": "DHL Paket", "carrier": {"code": "dhl", "name": "DHL"}},
    {"code": "dpd:classic", "name": "DPD Classic", "carrier": {"code": "dpd", "name": "DPD"}},
    {"code": "dhl:paket/service_point", "name": "DHL Paket Shop Delivery", "carrier": {"code": "dhl", "name": "DHL"}},
]
# Pickup points every searched postal code gets (deterministic ids per postal code and slot).
SERVICE_POINT_TEMPLATES = [
    # (carrier, name, street, house number, general shop type)
    ("dhl", "DHL Packstation {n}", "Bahnhofstraße", "{n}", "locker"),
    ("dhl", "DHL Paketshop Kiosk am Markt", "Marktplatz", "3", "servicepoint"),
    ("dhl", "Deutsche Post Filiale", "Hauptstraße", "21", "post_office"),
    ("dpd", "DPD Pickup Paketshop Schreibwaren", "Lindenallee", "7", "servicepoint"),
]
REQUIRED_FIELDS = ("name", "address", "city", "postal_code", "country")
CANCELLATION_WINDOW = timedelta(days=42)


class SendcloudSandbox(SwitchableSandbox):
    name = "sendcloud"

    def __init__(
        self,
        *,
        public_key: str | None = None,
        secret_key: str | None = None,
        webhook_url: str | None = None,
        webhook_attempts: int = 3,
        webhook_timeout: float = 10.0,
        page_size: int = 100,
    ) -> None:
        self.public_key = public_key or project_setting("SENDCLOUD_PUBLIC_KEY")
        self.secret_key = secret_key or project_setting("SENDCLOUD_SECRET_KEY")
        self.webhook_url = webhook_url or f"{project_setting('SITE_URL')}/integrations/sendcloud/webhook/"
        self.webhook_attempts = webhook_attempts
        self.webhook_timeout = webhook_timeout
        self.page_size = page_size
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.parcels: dict[int, dict] = {}
        self.webhooks: list[dict] = []  # every delivery attempt
        self._ids = itertools.count(100000001)

    # --- error shapes --------------------------------------------------------------
    def v2_error(self, request: Request, status: int, message: str, headers=None) -> Response:
        return self.json(
            {"error": {"code": status, "request": request.path.lstrip("/"), "message": message}},
            status=status,
            headers=headers,
        )

    def failure_response(self, failure: Failure, request: Request) -> Response:
        if failure.mode == "429":
            reset_at = int(time.time()) + failure.retry_after
            headers = {
                "Retry-After": str(failure.retry_after),
                "X-RateLimit-Limit": "100",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(reset_at),
            }
            return self.v2_error(request, 429, "Request was throttled.", headers)
        status = 504 if failure.mode == "timeout" else int(failure.mode)
        return self.v2_error(request, status, "Internal server error")

    def authorized(self, request: Request) -> bool:
        auth = request.authorization
        return bool(
            auth
            and auth.type == "basic"
            and hmac.compare_digest(auth.username or "", self.public_key)
            and hmac.compare_digest(auth.password or "", self.secret_key)
        )

    def dispatch(self, request: Request) -> Response:
        if request.path.startswith(("/api/", "/servicepoints/api/")) and not self.authorized(request):
            detail = (
                "Authentication credentials were not provided."
                if request.authorization is None
                else "Invalid username/password."
            )
            if request.path.startswith("/api/v3/"):
                return self.json(
                    {"errors": [{"status": "401", "code": "authentication_failed", "detail": detail}]}, status=401
                )
            return self.v2_error(request, 401, detail)
        return super().dispatch(request)

    # --- catalogue --------------------------------------------------------------------
    @route("/api/v2/shipping_methods")
    def shipping_methods(self, request: Request) -> Response:
        to_country = request.args.get("to_country", "").upper()
        methods = [
            m for m in SHIPPING_METHODS if not to_country or any(c["iso_2"] == to_country for c in m["countries"])
        ]
        if request.args.get("service_point_id"):
            methods = [m for m in methods if m["service_point_input"] == "required"]
        return self.json({"shipping_methods": methods})

    # --- service points (v2 service-point API) ----------------------------------------
    @staticmethod
    def service_point(country: str, postal_code: str, slot: int) -> dict:
        carrier, name, street, house_number, shop_type = SERVICE_POINT_TEMPLATES[slot]
        digits = "".join(ch for ch in postal_code if ch.isdigit())[:5].ljust(5, "0")
        number = int(digits) % 200 + 100 + slot
        return {
            "id": int(f"{digits}{slot + 1}"),
            "code": f"{carrier.upper()}-{digits}-{slot + 1}",
            "is_active": True,
            "shop_type": None,
            "general_shop_type": shop_type,
            "extra_data": {},
            "name": name.format(n=number),
            "street": street,
            "house_number": house_number.format(n=number),
            "postal_code": postal_code,
            "city": "Berlin" if digits.startswith("1") else "Musterstadt",
            "latitude": "52.520000",
            "longitude": "13.405000",
            "email": "",
            "phone": "",
            "homepage": "",
            "carrier": carrier,
            "country": country,
            "formatted_opening_times": {str(day): ["08:00 - 20:00"] for day in range(6)} | {"6": []},
            "open_tomorrow": True,
            "open_upcoming_week": True,
            "distance": 150 * (slot + 1),
        }

    @route("/servicepoints/api/v2/service-points")
    def service_points(self, request: Request) -> Response:
        country = request.args.get("country", "").upper()
        if not country:
            return self.json({"country": ["This field is required."]}, status=400)
        postal_code = (request.args.get("address") or request.args.get("postal_code") or "").strip()
        if country != "DE" or not postal_code:
            return self.json([])
        carriers = {c for c in request.args.get("carrier", "").lower().split(",") if c}
        points = [self.service_point(country, postal_code, slot) for slot in range(len(SERVICE_POINT_TEMPLATES))]
        return self.json([p for p in points if not carriers or p["carrier"] in carriers])

    @route("/servicepoints/api/v2/service-points/<int:point_id>")
    def service_point_detail(self, request: Request, point_id: int) -> Response:
        digits, slot = str(point_id)[:-1], int(str(point_id)[-1]) - 1
        if len(digits) != 5 or not 0 <= slot < len(SERVICE_POINT_TEMPLATES):
            return self.json({"detail": "Not found."}, status=404)
        return self.json(self.service_point("DE", digits, slot))

    @route("/api/v2/shipping_methods/<int:method_id>")
    def shipping_method(self, request: Request, method_id: int) -> Response:
        method = next((m for m in SHIPPING_METHODS if m["id"] == method_id), None)
        if method is None:
            return self.v2_error(request, 404, "No ShippingMethod matches the given query.")
        return self.json({"shipping_method": method})

    @route("/api/v3/shipping-options", methods=("POST",))
    def shipping_options(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True) or {}
        errors = [
            {
                "status": "400",
                "code": "required",
                "detail": "This field is required.",
                "source": {"pointer": f"/{field}"},
            }
            for field in ("from_address", "to_address")
            if not isinstance(body.get(field), dict)
        ]
        if errors:
            return self.json({"errors": errors}, status=400)
        carrier = body.get("carrier_code")
        data = [
            {**option, "product": {}, "functionalities": {}, "quotes": None}
            for option in SHIPPING_OPTIONS
            if not carrier or option["carrier"]["code"] == carrier
        ]
        return self.json({"data": data, "message": None})

    @route("/api/v2/parcels/statuses")
    def statuses(self, request: Request) -> Response:
        return self.json([{"id": key, "message": value} for key, value in STATUSES.items()])

    # --- parcels -------------------------------------------------------------------
    def _url(self, request: Request, path: str) -> str:
        return f"{request.host_url.rstrip('/')}{request.script_root}{path}"

    def _validate(self, data: dict) -> list[str]:
        errors = [
            f"{field}: This field is required." for field in REQUIRED_FIELDS if not str(data.get(field) or "").strip()
        ]
        if data.get("country") and len(str(data["country"])) != 2:
            errors.append("country: Enter a valid ISO 3166-1 alpha-2 country code.")
        if data.get("weight") is not None:
            try:
                if Decimal(str(data["weight"])) <= 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors.append("weight: Ensure this value is greater than 0.")
        if data.get("request_label") or data.get("requestLabel"):
            errors += self._validate_shipment(data)
        ref = data.get("external_reference")
        if ref and any(p.get("external_reference") == ref for p in self.parcels.values()):
            errors.append("external_reference: Parcel with this external reference already exists.")
        return errors

    def _validate_shipment(self, data: dict) -> list[str]:
        method_id = (data.get("shipment") or {}).get("id")
        method = next((m for m in SHIPPING_METHODS if m["id"] == method_id), None)
        if method is None:
            return ["shipment: A valid shipping method is required to request a label."]
        if not any(c["iso_2"] == str(data.get("country", "")).upper() for c in method["countries"]):
            return [f"shipment: {method['name']} does not ship to {data.get('country')}."]
        weight = Decimal(str(data.get("weight") or "1.000"))
        if not Decimal(method["min_weight"]) <= weight <= Decimal(method["max_weight"]):
            return [
                f"weight: {weight} kg is outside {method['min_weight']}-{method['max_weight']} kg for {method['name']}."
            ]
        if method["service_point_input"] == "required" and not data.get("to_service_point"):
            return ["to_service_point: This shipping method requires a service point."]
        return []

    def _announce(self, request: Request, parcel: dict) -> None:
        parcel_id = parcel["id"]
        method = next(m for m in SHIPPING_METHODS if m["id"] == parcel["shipment"]["id"])
        parcel["shipment"] = {"id": method["id"], "name": method["name"]}
        parcel["carrier"] = {"code": method["carrier"]}
        parcel["tracking_number"] = f"3SNWT{parcel_id:010d}"
        parcel["tracking_url"] = self._url(request, f"/tracking/{parcel['tracking_number']}")
        label_hash = hashlib.sha256(f"{parcel_id}:{self.secret_key}".encode()).hexdigest()[:24]
        parcel["label"] = {
            "normal_printer": [
                self._url(request, f"/api/v2/label/normal_printer/{parcel_id}?start_from={i}&hash={label_hash}")
                for i in range(4)
            ],
            "label_printer": self._url(request, f"/api/v2/label/label_printer/{parcel_id}?hash={label_hash}"),
        }
        parcel["documents"] = [
            {"type": "label", "size": "a6", "link": self._url(request, f"/api/v2/parcels/{parcel_id}/documents/label")}
        ]
        parcel["date_announced"] = datetime.now(UTC).strftime("%d-%m-%Y %H:%M:%S")
        parcel["_announced_at"] = datetime.now(UTC)
        self._set_status(parcel, 1000)

    @staticmethod
    def _set_status(parcel: dict, status_id: int) -> None:
        parcel["status"] = {"id": status_id, "message": STATUSES.get(status_id, "Unknown")}
        parcel["date_updated"] = datetime.now(UTC).strftime("%d-%m-%Y %H:%M:%S")

    def _create(self, request: Request, data: dict) -> tuple[dict | None, list[str]]:
        errors = self._validate(data)
        if errors:
            return None, errors
        now = datetime.now(UTC).strftime("%d-%m-%Y %H:%M:%S")
        parcel_id = next(self._ids)
        country = str(data["country"]).upper()
        parcel = {
            "id": parcel_id,
            "name": data["name"],
            "company_name": data.get("company_name", ""),
            "address": f"{data['address']} {data.get('house_number', '')}".strip(),
            "address_2": data.get("address_2", ""),
            "address_divided": {"street": data["address"], "house_number": data.get("house_number", "")},
            "city": data["city"],
            "postal_code": data["postal_code"],
            "country": {"iso_2": country, "iso_3": "", "name": country},
            "telephone": data.get("telephone", ""),
            "email": data.get("email", ""),
            "weight": str(Decimal(str(data.get("weight") or "1.000")).quantize(Decimal("0.001"))),
            "order_number": data.get("order_number", ""),
            "external_reference": data.get("external_reference"),
            "shipment": data.get("shipment") or None,
            "to_service_point": data.get("to_service_point"),
            "carrier": None,
            "label": None,
            "documents": [],
            "tracking_number": "",
            "tracking_url": "",
            "date_created": now,
            "date_updated": now,
            "date_announced": None,
            "colli_uuid": secrets.token_hex(16),
            "shipment_uuid": secrets.token_hex(16),
            "errors": {},
        }
        self._set_status(parcel, 999)
        if data.get("request_label") or data.get("requestLabel"):
            self._announce(request, parcel)
        self.parcels[parcel_id] = parcel
        return parcel, []

    @staticmethod
    def public(parcel: dict) -> dict:
        return {key: value for key, value in parcel.items() if not key.startswith("_")}

    @route("/api/v2/parcels", methods=("POST",))
    def create_parcels(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True)
        if not isinstance(body, dict) or not (
            isinstance(body.get("parcel"), dict) or isinstance(body.get("parcels"), list)
        ):
            return self.v2_error(request, 400, 'Request body must contain "parcel" or "parcels".')
        with self.lock:
            if "parcel" in body:
                parcel, errors = self._create(request, body["parcel"])
                if errors:
                    return self.v2_error(request, 400, " ".join(errors))
                return self.json({"parcel": self.public(parcel)})
            created, failed = [], []
            for data in body["parcels"]:
                parcel, errors = self._create(request, data)
                if errors:
                    failed.append({"parcel": data, "errors": {"non_field_errors": errors}})
                else:
                    created.append(self.public(parcel))
            return self.json({"parcels": created, "failed_parcels": failed})

    @route("/api/v2/parcels", methods=("PUT",))
    def update_parcel(self, request: Request) -> Response:
        data = (request.get_json(force=True, silent=True) or {}).get("parcel") or {}
        with self.lock:
            parcel = self.parcels.get(data.get("id"))
            if parcel is None:
                return self.v2_error(request, 404, "No Parcel matches the given query.")
            if data.get("request_label") and parcel["status"]["id"] == 999:
                merged = {**parcel, **{k: v for k, v in data.items() if k != "id"}}
                merged["country"] = parcel["country"]["iso_2"]
                merged["address"] = parcel["address_divided"]["street"]
                merged["external_reference"] = None  # not a duplicate of itself
                errors = self._validate_shipment(merged)
                if errors:
                    return self.v2_error(request, 400, " ".join(errors))
                if "shipment" in data:
                    parcel["shipment"] = data["shipment"]
                self._announce(request, parcel)
            return self.json({"parcel": self.public(parcel)})

    @route("/api/v2/parcels")
    def list_parcels(self, request: Request) -> Response:
        args = request.args
        with self.lock:
            parcels = list(self.parcels.values())
        if args.get("order_number"):
            parcels = [p for p in parcels if p["order_number"] == args["order_number"]]
        if args.get("tracking_number"):
            parcels = [p for p in parcels if p["tracking_number"] == args["tracking_number"]]
        if args.get("parcel_status"):
            parcels = [p for p in parcels if str(p["status"]["id"]) == args["parcel_status"]]
        if args.get("ids"):
            wanted = {int(i) for i in args["ids"].split(",") if i.strip().isdigit()}
            parcels = [p for p in parcels if p["id"] in wanted]
        try:
            offset = int(base64.urlsafe_b64decode(args["cursor"].encode()).decode()) if args.get("cursor") else 0
        except ValueError:
            return self.v2_error(request, 404, "Invalid cursor")
        page = parcels[offset : offset + self.page_size]

        def link(position: int) -> str:
            query = {k: v for k, v in args.items() if k != "cursor"}
            query["cursor"] = base64.urlsafe_b64encode(str(position).encode()).decode()
            return f"{request.base_url}?{urlencode(query)}"

        next_link = link(offset + self.page_size) if offset + self.page_size < len(parcels) else None
        previous = link(max(0, offset - self.page_size)) if offset else None
        return self.json({"next": next_link, "previous": previous, "parcels": [self.public(p) for p in page]})

    @route("/api/v2/parcels/<int:parcel_id>")
    def get_parcel(self, request: Request, parcel_id: int) -> Response:
        parcel = self.parcels.get(parcel_id)
        if parcel is None:
            return self.v2_error(request, 404, "No Parcel matches the given query.")
        return self.json({"parcel": self.public(parcel)})

    @route("/api/v2/parcels/<int:parcel_id>/cancel", methods=("POST",))
    def cancel_parcel(self, request: Request, parcel_id: int) -> Response:
        """Cancelling: unannounced -> deleted; ready to send -> queued (202); announced -> cancelled;
        cancelled, delivered or older than 42 days -> 400; failed announcement -> 410."""
        with self.lock:
            parcel = self.parcels.get(parcel_id)
            if parcel is None:
                return self.v2_error(request, 404, "No Parcel matches the given query.")
            status_id = parcel["status"]["id"]
            if status_id == 999:
                del self.parcels[parcel_id]
                return self.json({"status": "deleted", "message": "Parcel has been deleted"})
            if status_id == 1002:
                return self.v2_error(
                    request, 410, "The announcement of this parcel failed; there is nothing to cancel."
                )
            if status_id in (1998, 1999, 2000, 2001):
                return self.v2_error(request, 400, "This parcel has already been cancelled.")
            if status_id in (11, 93):
                return self.v2_error(request, 400, "A delivered parcel cannot be cancelled.")
            if parcel.get("_announced_at") and datetime.now(UTC) - parcel["_announced_at"] > CANCELLATION_WINDOW:
                return self.v2_error(request, 400, "Parcels can only be cancelled within 42 days of announcement.")
            if status_id == 1000:
                self._set_status(parcel, 1999)
                return self.json({"status": "queued", "message": "Parcel cancellation has been queued"}, status=202)
            self._set_status(parcel, 2000)
            return self.json({"status": "cancelled", "message": "Parcel has been cancelled"})

    # --- labels and documents -----------------------------------------------------------
    def _pdf(self, request: Request, parcel_id: int, kind: str) -> Response:
        parcel = self.parcels.get(parcel_id)
        if parcel is None or not parcel.get("label"):
            return self.v2_error(request, 404, "Not found.")
        pdf = label_pdf(
            [
                f"Sendcloud sandbox {kind}",
                f"Parcel {parcel_id}",
                f"{parcel['shipment']['name']}",
                f"Tracking {parcel['tracking_number']}",
                parcel["name"],
                parcel["address"],
                f"{parcel['postal_code']} {parcel['city']} {parcel['country']['iso_2']}",
                f"Order {parcel['order_number']}",
            ]
        )
        return Response(pdf, mimetype="application/pdf")

    @route("/api/v2/labels/<int:parcel_id>")
    def label(self, request: Request, parcel_id: int) -> Response:
        parcel = self.parcels.get(parcel_id)
        if parcel is None or not parcel.get("label"):
            return self.v2_error(request, 404, "No label found for this parcel.")
        return self.json({"label": parcel["label"]})

    @route("/api/v2/labels/<any(normal_printer,label_printer):printer>/<int:parcel_id>")
    @route("/api/v2/label/<any(normal_printer,label_printer):printer>/<int:parcel_id>")
    def label_pdf(self, request: Request, printer: str, parcel_id: int) -> Response:
        start_from = request.args.get("start_from", "0")
        if printer == "normal_printer" and start_from not in {"0", "1", "2", "3"}:
            return self.v2_error(request, 400, "start_from must be between 0 and 3.")
        return self._pdf(request, parcel_id, f"label ({printer})")

    @route("/api/v2/parcels/<int:parcel_id>/documents/<doc_type>")
    def document(self, request: Request, parcel_id: int, doc_type: str) -> Response:
        if doc_type != "label":
            return self.v2_error(request, 404, "Not found.")
        return self._pdf(request, parcel_id, "document")

    @route("/tracking/<tracking_number>")
    def tracking_page(self, request: Request, tracking_number: str) -> Response:
        parcel = next((p for p in self.parcels.values() if p["tracking_number"] == tracking_number), None)
        if parcel is None:
            return Response("<!doctype html><p>Unknown tracking number</p>", status=404, mimetype="text/html")
        return Response(
            f"<!doctype html><html><head><meta charset='utf-8'><title>Tracking {escape(tracking_number)}</title></head>"
            f"<body><h1>Tracking {escape(tracking_number)}</h1>"
            f"<p id='status'>{escape(parcel['status']['message'])}</p></body></html>",
            mimetype="text/html",
        )

    # --- webhooks ------------------------------------------------------------------
    def webhook_body(self, parcel: dict, timestamp_ms: int) -> bytes:
        return json.dumps(
            {
                "action": "parcel_status_changed",
                "timestamp": timestamp_ms,
                "carrier_status_change_timestamp": timestamp_ms,
                "parcel": self.public(parcel),
            }
        ).encode()

    def sign(self, body: bytes) -> str:
        return hmac.new(self.secret_key.encode(), body, hashlib.sha256).hexdigest()

    def deliver(self, body: bytes) -> list[dict]:
        """POST one signed event, retrying on non-2xx (immediately; Sendcloud backs off from 5 minutes)."""
        attempts = []
        for attempt in range(1, self.webhook_attempts + 1):
            record = {"attempt": attempt, "status": None, "error": "", "body": body.decode()}
            try:
                response = requests.post(
                    self.webhook_url,
                    data=body,
                    headers={"Content-Type": "application/json", "Sendcloud-Signature": self.sign(body)},
                    timeout=self.webhook_timeout,
                )
                record["status"] = response.status_code
            except requests.RequestException as exc:
                record["error"] = type(exc).__name__
            with self.lock:
                self.webhooks.append(record)
            attempts.append(record)
            if record["status"] is not None and 200 <= record["status"] < 300:
                break
        return attempts

    def advance(self, parcel_id: int, status_id: int, *, deliver: bool = True, timestamp_ms: int | None = None):
        """Move a parcel to `status_id` and (by default) send the signed `parcel_status_changed` webhook."""
        with self.lock:
            parcel = self.parcels[parcel_id]
            self._set_status(parcel, status_id)
            body = self.webhook_body(parcel, timestamp_ms or int(time.time() * 1000))
        return self.deliver(body) if deliver else []

    def deliver_out_of_order(self, parcel_id: int, status_ids: list[int]) -> list[dict]:
        """Events for `status_ids` happen in that order (increasing timestamps) but arrive reversed."""
        start = int(time.time() * 1000)
        bodies = []
        with self.lock:
            parcel = self.parcels[parcel_id]
            for offset, status_id in enumerate(status_ids):
                self._set_status(parcel, status_id)
                bodies.append(self.webhook_body(parcel, start + offset * 1000))
        return [attempt for body in reversed(bodies) for attempt in self.deliver(body)]

    # --- control ----------------------------------------------------------------------
    @route("/_control/config", methods=("POST",))
    def control_config(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True) or {}
        if "webhook_url" in body:
            self.webhook_url = str(body["webhook_url"])
        if "webhook_attempts" in body:
            self.webhook_attempts = int(body["webhook_attempts"])
        if "page_size" in body:
            self.page_size = int(body["page_size"])
        return self.json(
            {"webhook_url": self.webhook_url, "webhook_attempts": self.webhook_attempts, "page_size": self.page_size}
        )

    @route("/_control/parcels/<int:parcel_id>/status", methods=("POST",))
    def control_status(self, request: Request, parcel_id: int) -> Response:
        if parcel_id not in self.parcels:
            return self.json({"error": "unknown parcel"}, status=404)
        body = request.get_json(force=True, silent=True) or {}
        attempts = self.advance(
            parcel_id,
            int(body["status_id"]),
            deliver=bool(body.get("deliver", True)),
            timestamp_ms=body.get("timestamp"),
        )
        return self.json({"parcel": self.public(self.parcels[parcel_id]), "deliveries": attempts})

    @route("/_control/parcels/<int:parcel_id>/webhooks", methods=("POST",))
    def control_webhooks(self, request: Request, parcel_id: int) -> Response:
        if parcel_id not in self.parcels:
            return self.json({"error": "unknown parcel"}, status=404)
        body = request.get_json(force=True, silent=True) or {}
        status_ids = [int(s) for s in body.get("status_ids", [])]
        if body.get("order", "reverse") == "reverse":
            attempts = self.deliver_out_of_order(parcel_id, status_ids)
        else:
            attempts = [a for s in status_ids for a in self.advance(parcel_id, s)]
        return self.json({"deliveries": attempts})

    @route("/_control/state")
    def control_state(self, request: Request) -> Response:
        with self.lock:
            return self.json(
                {"parcels": [self.public(p) for p in self.parcels.values()], "webhooks": list(self.webhooks)}
            )
