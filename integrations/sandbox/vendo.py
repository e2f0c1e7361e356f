"""A VendoService sandbox: hosted payment page, S2S gateway and postback sender.

Mounted by the dev server at /_sandbox/vendo/ and served on loopback ports in tests. State is
in memory. Control endpoints (not part of Vendo's API) live under /_control/:

- POST /_control/fail-next   {"mode": "timeout|500|503|429", "count": 1, "path": "", "after_effect": false}
- POST /_control/config      {"postback_url": "...", "postback_attempts": 3}
- POST /_control/postbacks/<transaction_id>/send  {"times": 2, "overrides": {"amount": "1.00"}}
- GET  /_control/state       transactions and postback deliveries
- POST /_control/reset
"""

from __future__ import annotations

import itertools
import secrets
import time
from collections import deque
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from html import escape
from urllib.parse import urlencode

import requests
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from integrations.payments.vendo import signing
from integrations.sandbox.base import route
from integrations.sandbox.failures import Failure, SwitchableSandbox
from integrations.sandbox.settings import project_setting

# Magic card numbers for POST /api/gateway/payment.
CARD_DECLINED = "4000000000000002"
CARD_VERIFICATION_REQUIRED = "4000000000003220"
# Sandbox-only error codes (Vendo's JSON error table is not public; 5906 mirrors the legacy refund API).
ERROR_AUTH = 8001
ERROR_VALIDATION = 8002
ERROR_UNKNOWN_TRANSACTION = 8003
ERROR_DECLINED = 8004
ERROR_ALREADY_REFUNDED = 5906
ERROR_REFUND_EXCEEDS = 5908
ERROR_RATE_LIMIT = 8429


class VendoSandbox(SwitchableSandbox):
    name = "vendo"
    rate_limit = 500  # requests per window and IP
    rate_window_seconds = 300

    def __init__(
        self,
        *,
        merchant_id: str | None = None,
        site_id: str | None = None,
        api_secret: str | None = None,
        shared_secret: str | None = None,
        postback_url: str | None = None,
        postback_attempts: int = 3,
        postback_timeout: float = 30.0,
    ) -> None:
        self.merchant_id = merchant_id or project_setting("VENDO_MERCHANT_ID")
        self.site_id = site_id or project_setting("VENDO_SITE_ID")
        self.api_secret = api_secret or project_setting("VENDO_API_SECRET")
        self.shared_secret = shared_secret or project_setting("VENDO_SHARED_SECRET")
        self.postback_url = postback_url or (
            f"{project_setting('SITE_URL')}/integrations/vendo/postback/{project_setting('VENDO_POSTBACK_TOKEN')}/"
        )
        self.postback_attempts = postback_attempts
        self.postback_timeout = postback_timeout
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.transactions: dict[str, dict] = {}
        self.verifications: dict[str, dict] = {}
        self.postbacks: list[dict] = []  # every delivery attempt: {transaction_id, attempt, status, body}
        self.hits: dict[str, deque] = {}
        self._ids = itertools.count(70000001)

    # --- shapes -----------------------------------------------------------------
    def failure_response(self, failure: Failure, request: Request) -> Response:
        if failure.mode == "429":
            return self.rate_limited(failure.retry_after)
        status = 504 if failure.mode == "timeout" else int(failure.mode)
        return Response("<html><body><h1>Internal Server Error</h1></body></html>", status=status, mimetype="text/html")

    def rate_limited(self, retry_after: int) -> Response:
        return self.json(
            {
                "status": 0,
                "request_id": secrets.token_hex(8),
                "error": {"code": ERROR_RATE_LIMIT, "message": "Too many requests"},
            },
            status=429,
            headers={"Retry-After": str(retry_after)},
        )

    def gateway_error(self, code: int, message: str, status: int = 400) -> Response:
        return self.json(
            {"status": 0, "request_id": secrets.token_hex(8), "error": {"code": code, "message": message}},
            status=status,
        )

    def _next_id(self) -> str:
        return str(next(self._ids))

    # --- hosted payment page ------------------------------------------------------
    def _verified_params(self, request: Request, raw_query: str) -> tuple[dict | None, str]:
        """(params, "") when the signed query is valid, else (None, reason)."""
        from urllib.parse import parse_qsl

        params = dict(parse_qsl(raw_query, keep_blank_values=True))
        path = request.script_root + "/v/signup"
        if not params.get("signature"):
            return None, "Missing signature"
        if not signing.is_valid_url(path, raw_query, self.shared_secret):
            return None, "Invalid signature"
        if params.get("expires") and not signing.is_valid_url(
            path, raw_query, self.shared_secret, expires=params["expires"]
        ):
            return None, "This payment link has expired"
        if params.get("site") != self.site_id:
            return None, "Unknown site"
        try:
            if Decimal(params.get("amount", "")) <= 0:
                raise InvalidOperation
        except InvalidOperation:
            return None, "Invalid amount"
        return params, ""

    def _error_page(self, message: str, status: int = 403) -> Response:
        body = (
            "<!doctype html><html><head><title>Vendo</title></head><body><h1>Error</h1>"
            f"<p id='error'>{escape(message)}</p></body></html>"
        )
        return Response(body, status=status, mimetype="text/html")

    @route("/v/signup")
    def signup(self, request: Request) -> Response:
        raw_query = request.environ.get("QUERY_STRING", "")
        params, problem = self._verified_params(request, raw_query)
        if params is None:
            return self._error_page(problem)
        action = escape(request.script_root + "/v/signup/complete")
        q = escape(raw_query, quote=True)
        page = f"""<!doctype html><html lang="{escape(params.get("language", "en"))}"><head><meta charset="utf-8">
<title>Vendo sandbox payment</title><link rel="icon" href="data:,"></head><body>
<h1>Vendo sandbox</h1>
<p>Pay <strong id="amount">{escape(params["amount"])} {escape(params.get("billing_currency", ""))}</strong>
for reference <code id="reference">{escape(params.get("ref", ""))}</code> ({escape(params.get("email", ""))}).</p>
<form method="post" action="{action}">
<input type="hidden" name="query" value="{q}">
<label><input type="checkbox" name="verification" value="1" id="verification"> Require verification (3-D Secure)</label>
<button type="submit" name="outcome" value="success" id="pay-success">Pay (success)</button>
<button type="submit" name="outcome" value="decline" id="pay-decline">Decline</button>
</form></body></html>"""
        return Response(page, mimetype="text/html")

    @route("/v/signup/complete", methods=("POST",))
    def signup_complete(self, request: Request) -> Response:
        raw_query = request.form.get("query", "")
        params, problem = self._verified_params(request, raw_query)
        if params is None:
            return self._error_page(problem)
        outcome = request.form.get("outcome", "")
        if outcome == "success" and request.form.get("verification") == "1":
            action = escape(request.script_root + "/v/signup/complete")
            q = escape(raw_query, quote=True)
            page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Verification</title></head><body>
<h1>Verification required</h1><form method="post" action="{action}"><input type="hidden" name="query" value="{q}">
<button type="submit" name="outcome" value="success" id="verify-approve">Approve</button>
<button type="submit" name="outcome" value="decline" id="verify-fail">Fail verification</button></form></body></html>"""
            return Response(page, mimetype="text/html")
        if outcome != "success":
            return redirect(params["decline_url"], code=303)
        transaction = self._create_transaction(
            reference=params.get("ref", ""),
            amount=Decimal(params["amount"]),
            currency=params.get("billing_currency", "EUR"),
            customer={
                "email": params.get("email", ""),
                "firstname": params.get("first_name", ""),
                "lastname": params.get("last_name", ""),
                "country": params.get("country", ""),
            },
            ip=request.remote_addr or "",
        )
        self.send_postback(transaction["id"])
        separator = "&" if "?" in params["success_url"] else "?"
        return redirect(
            f"{params['success_url']}{separator}{urlencode({'transaction_id': transaction['id']})}", code=303
        )

    def _create_transaction(self, *, reference, amount, currency, customer, ip="", preauth=False) -> dict:
        with self.lock:
            transaction = {
                "id": self._next_id(),
                "reference": reference,
                "amount": amount,
                "currency": currency,
                "refunded": Decimal("0"),
                "status": "authorized" if preauth else "captured",
                "customer": customer,
                "ip": ip,
                "datetime": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            }
            self.transactions[transaction["id"]] = transaction
        return transaction

    # --- postbacks -----------------------------------------------------------------
    def postback_fields(self, transaction_id: str, overrides: dict | None = None) -> dict[str, str]:
        tx = self.transactions[transaction_id]
        fields = {
            "callback": "transaction",
            "is_test": "1",
            "transaction_id": tx["id"],
            "merchant_reference": tx["reference"],
            "site_id": self.site_id,
            "merchant_id": self.merchant_id,
            "offer_id": "",
            "customer_id": "",
            "subscription_id": "",
            "subscription_status": "0",
            "transaction_type": "sale",
            "status": "1",
            "amount": str(tx["amount"]),
            "currency": tx["currency"],
            "email": tx["customer"].get("email", ""),
            "firstname": tx["customer"].get("firstname", ""),
            "lastname": tx["customer"].get("lastname", ""),
            "country": tx["customer"].get("country", ""),
            "ip": tx["ip"],
        }
        fields.update(overrides or {})
        return fields

    def send_postback(self, transaction_id: str, *, times: int = 1, overrides: dict | None = None) -> list[dict]:
        """Deliver the `transaction` postback `times` times (duplicates), each retried until XML code 1."""
        deliveries = []
        for _ in range(times):
            fields = self.postback_fields(transaction_id, overrides)
            for attempt in range(1, self.postback_attempts + 1):
                record = {"transaction_id": transaction_id, "attempt": attempt, "status": None, "body": "", "error": ""}
                try:
                    response = requests.post(self.postback_url, data=fields, timeout=self.postback_timeout)
                    record.update(status=response.status_code, body=response.text)
                except requests.RequestException as exc:
                    record["error"] = type(exc).__name__
                with self.lock:
                    self.postbacks.append(record)
                deliveries.append(record)
                if record["status"] == 200 and "<code>1</code>" in record["body"]:
                    break
        return deliveries

    # --- S2S gateway ---------------------------------------------------------------
    def _gateway_request(self, request: Request) -> tuple[dict | None, Response | None]:
        ip = request.remote_addr or "?"
        now = time.monotonic()
        with self.lock:
            hits = self.hits.setdefault(ip, deque())
            while hits and now - hits[0] > self.rate_window_seconds:
                hits.popleft()
            if len(hits) >= self.rate_limit:
                return None, self.rate_limited(int(self.rate_window_seconds - (now - hits[0])) + 1)
            hits.append(now)
        body = request.get_json(force=True, silent=True)
        if not isinstance(body, dict):
            return None, self.gateway_error(ERROR_VALIDATION, "Request body must be JSON")
        if body.get("api_secret") != self.api_secret or str(body.get("merchant_id")) != self.merchant_id:
            return None, self.gateway_error(ERROR_AUTH, "Invalid API credentials", status=401)
        return body, None

    def _transaction_json(self, tx: dict, amount: Decimal | None = None, tx_id: str | None = None) -> dict:
        return {
            "id": int(tx_id or tx["id"]),
            "amount": float(amount if amount is not None else tx["amount"]),
            "currency": tx["currency"],
            "datetime": tx["datetime"],
        }

    @route("/api/gateway/payment", methods=("POST",))
    def gateway_payment(self, request: Request) -> Response:
        body, error = self._gateway_request(request)
        if error:
            return error
        details = body.get("payment_details") or {}
        refs = body.get("external_references") or {}
        request_id = secrets.token_hex(8)
        if details.get("verification_id"):
            pending = self.verifications.pop(str(details["verification_id"]), None)
            if pending is None:
                return self.gateway_error(ERROR_VALIDATION, "Unknown verification_id")
            body = pending
            refs = body.get("external_references") or {}
        elif not refs.get("transaction_reference") or not (request.get_json(silent=True) or {}).get(
            "request_details", {}
        ).get("ip_address"):
            return self.gateway_error(
                ERROR_VALIDATION,
                "external_references.transaction_reference and request_details.ip_address are required",
            )
        else:
            card = str(details.get("card_number", ""))
            if card == CARD_DECLINED:
                return self.json(
                    {
                        "status": 0,
                        "request_id": request_id,
                        "external_references": refs,
                        "error": {"code": ERROR_DECLINED, "message": "Card declined", "processor_status": "05"},
                    }
                )
            if card == CARD_VERIFICATION_REQUIRED:
                base = request.host_url.rstrip("/") + request.script_root
                verification_id = secrets.token_hex(6)
                self.verifications[verification_id] = body
                return self.json(
                    {
                        "status": 2,
                        "request_id": request_id,
                        "external_references": refs,
                        "result": {
                            "code": "verification_required",
                            "message": "Verification required",
                            "verification_url": f"{base}/v/verify/{verification_id}",
                            "verification_id": verification_id,
                        },
                    }
                )
        try:
            amount = Decimal(str(body.get("amount")))
        except InvalidOperation:
            return self.gateway_error(ERROR_VALIDATION, "Invalid amount")
        tx = self._create_transaction(
            reference=refs.get("transaction_reference", ""),
            amount=amount,
            currency=str(body.get("currency", "EUR")),
            customer=body.get("customer_details") or {},
            preauth=bool(body.get("preauth_only")),
        )
        return self.json(
            {
                "status": 1,
                "request_id": request_id,
                "external_references": refs,
                "transaction": self._transaction_json(tx),
                "card_details": {"auth_code": "123456", "trace_id": request_id},
                "payment_details_token": secrets.token_hex(12),
                "result": {"code": "ok", "message": "Approved"},
            }
        )

    @route("/v/verify/<verification_id>")
    def verify_page(self, request: Request, verification_id: str) -> Response:
        """Where a buyer completes a gateway payment's verification (3-D Secure stand-in)."""
        if verification_id not in self.verifications:
            return self._error_page("Unknown verification", status=404)
        return Response("<!doctype html><html><body><h1>Verification complete</h1></body></html>", mimetype="text/html")

    @route("/api/gateway/refund", methods=("POST",))
    def gateway_refund(self, request: Request) -> Response:
        body, error = self._gateway_request(request)
        if error:
            return error
        tx_id = str(body.get("transaction_id", ""))
        with self.lock:
            tx = self.transactions.get(tx_id)
            if tx is None:
                return self.gateway_error(ERROR_UNKNOWN_TRANSACTION, f"Transaction {tx_id} not found")
            remaining = tx["amount"] - tx["refunded"]
            if remaining <= 0:
                return self.gateway_error(ERROR_ALREADY_REFUNDED, "Transaction already refunded")
            if body.get("partial_amount") is not None:
                try:
                    amount = Decimal(str(body["partial_amount"]))
                except InvalidOperation:
                    return self.gateway_error(ERROR_VALIDATION, "Invalid partial_amount")
                if body.get("currency") and body["currency"] != tx["currency"]:
                    return self.gateway_error(ERROR_VALIDATION, "Currency does not match the transaction")
                if amount <= 0:
                    return self.gateway_error(ERROR_VALIDATION, "partial_amount must be positive")
                if amount > remaining:
                    return self.gateway_error(ERROR_REFUND_EXCEEDS, f"Refund amount exceeds the refundable {remaining}")
            else:
                amount = remaining
            tx["refunded"] += amount
            tx["status"] = "refunded" if tx["refunded"] == tx["amount"] else "partially_refunded"
            refund_id = self._next_id()
        return self.json(
            {
                "status": 1,
                "request_id": secrets.token_hex(8),
                "transaction": self._transaction_json(tx, amount, refund_id),
            }
        )

    @route("/api/gateway/capture", methods=("POST",))
    def gateway_capture(self, request: Request) -> Response:
        body, error = self._gateway_request(request)
        if error:
            return error
        with self.lock:
            tx = self.transactions.get(str(body.get("transaction_id", "")))
            if tx is None:
                return self.gateway_error(ERROR_UNKNOWN_TRANSACTION, "Transaction not found")
            if tx["status"] != "authorized":
                return self.gateway_error(ERROR_VALIDATION, "Transaction is not awaiting capture")
            tx["status"] = "captured"
        return self.json({"status": 1, "request_id": secrets.token_hex(8), "transaction": self._transaction_json(tx)})

    # --- control --------------------------------------------------------------------
    @route("/_control/config", methods=("POST",))
    def control_config(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True) or {}
        if "postback_url" in body:
            self.postback_url = str(body["postback_url"])
        if "postback_attempts" in body:
            self.postback_attempts = int(body["postback_attempts"])
        return self.json({"postback_url": self.postback_url, "postback_attempts": self.postback_attempts})

    @route("/_control/postbacks/<transaction_id>/send", methods=("POST",))
    def control_send_postback(self, request: Request, transaction_id: str) -> Response:
        if transaction_id not in self.transactions:
            return self.json({"error": "unknown transaction"}, status=404)
        body = request.get_json(force=True, silent=True) or {}
        deliveries = self.send_postback(
            transaction_id, times=int(body.get("times", 1)), overrides=body.get("overrides")
        )
        return self.json({"deliveries": deliveries})

    @route("/_control/state")
    def control_state(self, request: Request) -> Response:
        with self.lock:
            transactions = {
                key: {**tx, "amount": str(tx["amount"]), "refunded": str(tx["refunded"])}
                for key, tx in self.transactions.items()
            }
            return self.json({"transactions": transactions, "postbacks": list(self.postbacks)})
