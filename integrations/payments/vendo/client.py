"""VendoService client: hosted payment links, the S2S gateway (refund, capture) and postbacks.

Production code; pointed at the sandbox only by configuration (VENDO_BASE_URL). Assumptions
where Vendo's public documentation is silent are marked ASSUMPTION and listed in
docs/integrations.md.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import time
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from integrations import transport
from integrations.errors import ProviderAuthenticationFailed, ProviderProtocolError, ProviderRejected
from integrations.inbound import printable, unstorable_text
from integrations.payments.base import (
    ExpectedPaymentLookup,
    HostedPaymentRedirect,
    NotificationRejected,
    NotificationRequest,
    PaymentNotification,
    PaymentRequest,
    RefundResult,
)
from integrations.payments.vendo import signing
from integrations.redaction import redact

logger = logging.getLogger("integrations.vendo")

PROVIDER = "vendo"
SUPPORTED_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "MXN", "BRL"})
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY"})
# Postback fields that identify our payment. ASSUMPTION: the `transaction` postback echoes our
# reference as `merchant_reference` (documented for `verification` postbacks); `ref` accepted too.
REFERENCE_FIELDS = ("merchant_reference", "ref")
# Field limits of PaymentNotificationLog (event_id/transaction_id, reference, amount digits before the point).
MAX_ID_LENGTH = 128
MAX_REFERENCE_LENGTH = 64
MAX_AMOUNT_DIGITS = 10


def to_wire_amount(amount: Decimal, currency: str) -> float:
    """Vendo's JSON wants a number. Quantised first, so the float prints exactly the cents we mean."""
    exponent = Decimal("1") if currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    quantised = amount.quantize(exponent, rounding=ROUND_HALF_UP)
    if quantised != amount:
        raise ValueError(f"{amount} has more precision than {currency} allows")
    return float(quantised)


def format_amount(amount: Decimal, currency: str) -> str:
    exponent = Decimal("1") if currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return str(amount.quantize(exponent, rounding=ROUND_HALF_UP))


def postback_response(callback: str, error: str = "") -> str:
    """Vendo's acknowledgement: `code 1` accepts, `code 2` plus `errorMessage` refuses."""
    tag = callback if callback.isidentifier() else "transaction"
    if not error:
        return f"<postbackResponse><{tag}><code>1</code></{tag}></postbackResponse>"
    return (
        f"<postbackResponse><{tag}><code>2</code><errorMessage>{escape(error)}</errorMessage></{tag}>"
        "</postbackResponse>"
    )


class VendoClient:
    name = PROVIDER

    def __init__(
        self,
        *,
        base_url: str,
        merchant_id: str,
        site_id: str,
        api_secret: str,
        shared_secret: str,
        postback_token: str,
        postback_allowed_ips: Iterable[str],
        test_mode: bool = True,
        offer_id: str = "",
        connect_timeout: float = 5.0,
        timeout: float = 30.0,
        link_ttl: int = 3600,
        session=None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.merchant_id = str(merchant_id)
        self.site_id = str(site_id)
        self.api_secret = api_secret
        self.shared_secret = shared_secret
        self.postback_token = postback_token
        self.allowed_networks = [ipaddress.ip_network(net.strip(), strict=False) for net in postback_allowed_ips]
        self.test_mode = test_mode
        self.offer_id = offer_id
        self.timeout = (connect_timeout, timeout)
        self.link_ttl = link_ttl
        self.session = session or transport.new_session()

    @classmethod
    def from_settings(cls, **overrides) -> VendoClient:
        from django.conf import settings

        options = {
            "base_url": settings.VENDO_BASE_URL,
            "merchant_id": settings.VENDO_MERCHANT_ID,
            "site_id": settings.VENDO_SITE_ID,
            "api_secret": settings.VENDO_API_SECRET,
            "shared_secret": settings.VENDO_SHARED_SECRET,
            "postback_token": settings.VENDO_POSTBACK_TOKEN,
            "postback_allowed_ips": settings.VENDO_POSTBACK_ALLOWED_IPS,
            "test_mode": settings.VENDO_TEST_MODE,
            "offer_id": settings.VENDO_OFFER_ID,
            "connect_timeout": settings.VENDO_CONNECT_TIMEOUT,
            "timeout": settings.VENDO_TIMEOUT,
            "link_ttl": settings.VENDO_PAYMENT_LINK_TTL,
        }
        options.update(overrides)
        return cls(**options)

    def redact(self, payload):
        """The payload without credentials, safe to store (PaymentTransaction.raw_payload) or log."""
        return redact(payload, secret_values=[self.api_secret, self.shared_secret, self.postback_token])

    # --- hosted payment page ------------------------------------------------------
    def start_payment(self, request: PaymentRequest, *, now: float | None = None) -> HostedPaymentRedirect:
        """A signed `/v/signup` link. ASSUMPTION: `amount` (with the signed-only `billing_currency`)
        sets the price for a dynamic offer; Vendo's public URL reference lists only preset offers."""
        currency = request.currency.upper()
        if currency not in SUPPORTED_CURRENCIES:
            raise ProviderRejected(f"currency {currency} is not supported by Vendo", provider=PROVIDER)
        expires = int(now if now is not None else time.time()) + self.link_ttl
        params = [("site", self.site_id)]
        if self.offer_id:
            params += [("offers", self.offer_id), ("selected_offer", self.offer_id)]
        params += [
            ("ref", request.reference),
            ("amount", format_amount(request.amount, currency)),
            ("billing_currency", currency),
            ("email", request.customer_email),
            ("first_name", request.customer_first_name),
            ("last_name", request.customer_last_name),
            ("country", request.customer_country.upper()),
            ("language", request.language),
            ("success_url", request.success_url),
            ("decline_url", request.decline_url),
            ("expires", str(expires)),
        ]
        return HostedPaymentRedirect(
            url=signing.signed_url(self.base_url, "/v/signup", params, self.shared_secret), expires_at=expires
        )

    # --- S2S gateway ---------------------------------------------------------------
    def _auth(self) -> dict:
        return {"api_secret": self.api_secret, "merchant_id": self.merchant_id, "is_test": 1 if self.test_mode else 0}

    def _gateway(self, endpoint: str, body: dict) -> dict:
        url = f"{self.base_url}/api/gateway/{endpoint}"
        response = transport.send(
            self.session,
            "POST",
            url,
            provider=PROVIDER,
            timeout=self.timeout,
            data=_json_dumps({**self._auth(), **body}),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            payload = transport.decode_json(response, provider=PROVIDER) if response.content else {}
        except ProviderProtocolError:
            if response.status_code < 300:
                raise
            payload = {}  # an HTML error page from a proxy or the gateway itself
        error = payload.get("error") if isinstance(payload, dict) else None
        error = error if isinstance(error, dict) else {}
        # ASSUMPTION: business refusals (status 0 + error) may come with a 4xx; they are answers, not faults.
        business_refusal = (
            400 <= response.status_code < 500
            and response.status_code not in (401, 403, 429)
            and isinstance(payload, dict)
            and str(payload.get("status")) == "0"
        )
        if response.status_code >= 300 and not business_refusal:
            transport.raise_for_status(
                response,
                provider=PROVIDER,
                message=str(error.get("message", "")),
                code=str(error.get("code", "")),
                payload=self.redact(payload),
            )
        if not isinstance(payload, dict) or "status" not in payload:
            raise ProviderRejected("response without status", provider=PROVIDER, payload=self.redact(payload))
        return payload

    def refund(self, transaction_id: str, amount: Decimal | None = None, currency: str = "") -> RefundResult:
        """Full refund when `amount` is None, else a partial one. A refusal (status 0) is a result, not an
        exception, so staff see Vendo's message; transport failures and bad credentials raise."""
        body: dict = {"transaction_id": str(transaction_id)}
        if amount is not None:
            if not currency:
                raise ValueError("a partial refund needs its currency")
            body["partial_amount"] = to_wire_amount(amount, currency.upper())
            body["currency"] = currency.upper()
        payload = self._gateway("refund", body)
        return self._refund_result(str(transaction_id), payload)

    def capture(self, transaction_id: str) -> dict:
        return self.redact(self._gateway("capture", {"transaction_id": str(transaction_id)}))

    def _refund_result(self, transaction_id: str, payload: dict) -> RefundResult:
        transaction = payload.get("transaction") or {}
        error = payload.get("error") or {}
        succeeded = str(payload.get("status")) == "1"
        if not succeeded and str(error.get("code")) in {"401", "403"}:
            raise ProviderAuthenticationFailed(str(error.get("message", "")), provider=PROVIDER)
        amount = transaction.get("amount")
        return RefundResult(
            succeeded=succeeded,
            transaction_id=transaction_id,
            refund_id=str(transaction.get("id", "")) if succeeded else "",
            amount=Decimal(str(amount)) if amount is not None else None,
            currency=str(transaction.get("currency", "")),
            provider_code=str(error.get("code", "")),
            message=str(error.get("message", "")) if not succeeded else "",
            raw=self.redact(payload),
        )

    # --- postbacks -----------------------------------------------------------------
    def parse_notification(self, request: NotificationRequest, expected: ExpectedPaymentLookup) -> PaymentNotification:
        """Verify source, token and content of a `transaction` postback; raise NotificationRejected otherwise.

        Vendo signs nothing, so trust comes from the allow-listed source network, the secret URL
        token, and an exact match with the payment the shop is waiting for.
        """
        if not self._source_allowed(request.remote_addr):
            raise NotificationRejected(
                f"source address {request.remote_addr!r} is not allow-listed", "forbidden_source"
            )
        if not hmac.compare_digest(request.path_token.encode(), self.postback_token.encode()):
            raise NotificationRejected("invalid postback token", "invalid_token")
        try:
            received = parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError as exc:
            raise NotificationRejected("body is not UTF-8 form data", "malformed") from exc
        unstorable = next((reason for pair in received for text in pair if (reason := unstorable_text(text))), "")
        # Stored as evidence even when refused, so only in a form the database accepts.
        fields = {printable(name): printable(value) for name, value in received}
        raw = self.redact(fields)
        callback = fields.get("callback", "")
        transaction_id = fields.get("transaction_id", "").strip()
        reference = next((fields[name].strip() for name in REFERENCE_FIELDS if fields.get(name)), "")

        def reject(reason: str, code: str):
            event_id, ref = transaction_id[:MAX_ID_LENGTH], reference[:MAX_REFERENCE_LENGTH]
            return NotificationRejected(reason, code, event_id=event_id, reference=ref, raw=raw)

        if unstorable:
            raise reject(f"a field {unstorable}", "malformed")
        if callback != "transaction":
            raise reject(f"unsupported callback {callback[:40]!r}", "unsupported_callback")
        if not transaction_id or not reference:
            raise reject("transaction_id and merchant_reference are required", "malformed")
        if len(transaction_id) > MAX_ID_LENGTH or len(reference) > MAX_REFERENCE_LENGTH:
            raise reject("transaction_id or merchant_reference is too long", "malformed")
        for name, ours in (("merchant_id", self.merchant_id), ("site_id", self.site_id)):
            if fields.get(name) and fields[name] != ours:
                raise reject(f"{name} {fields[name][:40]!r} is not ours", "wrong_account")
        is_test = fields.get("is_test", "0") == "1"
        if is_test and not self.test_mode:
            raise reject("test postback received by a live installation", "test_in_live")
        try:
            amount = Decimal(fields.get("amount", "").strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount.adjusted() >= MAX_AMOUNT_DIGITS:
            raise reject(f"invalid amount {fields.get('amount', '')[:40]!r}", "malformed")
        currency = fields.get("currency", "").strip().upper()
        awaited = expected(reference)
        if awaited is None:
            raise reject(f"no payment awaited under reference {reference!r}", "unknown_reference")
        if amount != awaited.amount:
            raise reject(f"amount {amount} does not match the expected {awaited.amount}", "amount_mismatch")
        if currency != awaited.currency.upper():
            raise reject(f"currency {currency!r} does not match the expected {awaited.currency!r}", "currency_mismatch")
        # ASSUMPTION: `status` 0 reports a failed transaction; absent or 1 means the money was taken.
        status = "failed" if fields.get("status") == "0" else "paid"
        return PaymentNotification(
            provider=PROVIDER,
            event_id=transaction_id,
            kind=callback,
            status=status,
            reference=reference,
            transaction_id=transaction_id,
            amount=amount,
            currency=currency,
            is_test=is_test,
            raw=raw,
        )

    def acknowledge(self, notification: PaymentNotification | None, error: str = "") -> tuple[str, str]:
        callback = notification.kind if notification else "transaction"
        return postback_response(callback, error), "application/xml"

    def _source_allowed(self, remote_addr: str) -> bool:
        try:
            address = ipaddress.ip_address(remote_addr)
        except ValueError:
            return False
        return any(address in network for network in self.allowed_networks)


def _json_dumps(body: dict) -> str:
    return json.dumps(body, separators=(",", ":"))
