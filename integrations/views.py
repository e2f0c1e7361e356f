"""Provider callbacks: parse, verify through the provider client, hand over to a handler, answer.

Thin by design; the rules live in the clients (verification) and handlers (recording, idempotency).
"""

from __future__ import annotations

import logging
import time

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.network import client_ip
from integrations.payments import handlers as payment_handlers
from integrations.payments.base import NotificationRejected, NotificationRequest
from integrations.payments.vendo.client import VendoClient
from integrations.shipping import handlers as shipping_handlers
from integrations.shipping.base import WebhookRejected
from integrations.shipping.sendcloud.client import SendcloudClient

logger = logging.getLogger("integrations")

# Not from the provider at all: answered 403 and only logged (storing them would let anyone fill the table).
UNTRUSTED_SENDER_CODES = frozenset({"forbidden_source", "invalid_token"})
# SQLite answers concurrent writers "database is locked" at once when a transaction that already
# read wants to write. Retried briefly; if the database stays busy the provider is told to retry
# later (503 + Retry-After), which both providers do. Recording is idempotent, so a retry is safe.
LOCKED_RETRY_DELAYS = (0.05, 0.2, 0.5)
RETRY_AFTER_SECONDS = 30


class DatabaseBusy(Exception):
    pass


def _retrying_when_locked(process, *args):
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return process(*args)
        except OperationalError as exc:
            if delay is None or "locked" not in str(exc):
                raise DatabaseBusy(str(exc)) from exc
            time.sleep(delay)
    raise AssertionError("unreachable")


def _busy(body: str, content_type: str, provider: str, exc: DatabaseBusy) -> HttpResponse:
    logger.warning("%s notification deferred, database busy: %s", provider, exc)
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@csrf_exempt
@require_POST
def vendo_postback(request, token: str):
    client = VendoClient.from_settings()
    remote_addr = client_ip(request.META)
    notification_request = NotificationRequest(
        body=request.body,
        remote_addr=remote_addr,
        path_token=token,
        headers=dict(request.headers),
        content_type=request.content_type or "",
    )
    try:
        return _retrying_when_locked(_process_vendo_postback, client, notification_request)
    except DatabaseBusy as exc:
        body, content_type = client.acknowledge(None, "temporarily unavailable, please retry")
        return _busy(body, content_type, client.name, exc)


def _process_vendo_postback(client: VendoClient, notification_request: NotificationRequest) -> HttpResponse:
    remote_addr = notification_request.remote_addr
    try:
        notification = client.parse_notification(notification_request, payment_handlers.expected_payment)
    except NotificationRejected as rejection:
        logger.warning(
            "vendo postback rejected: %s (%s) transaction=%r reference=%r from %s",
            rejection.code,
            rejection.reason,
            rejection.event_id or "-",
            rejection.reference or "-",
            remote_addr,
        )
        body, content_type = client.acknowledge(None, rejection.reason)
        if rejection.code in UNTRUSTED_SENDER_CODES:
            return HttpResponse(body, status=403, content_type=content_type)
        payment_handlers.record_rejected_payment_notification(client.name, rejection, remote_addr)
        # Well-formed but refused (unknown reference, wrong amount …): Vendo's own "code 2" answer.
        # Unreadable: the same answer with 400, so the delivery shows as failed at Vendo too.
        return HttpResponse(body, status=400 if rejection.code == "malformed" else 200, content_type=content_type)
    payment_handlers.handle_payment_notification(notification, remote_addr)
    body, content_type = client.acknowledge(notification)
    return HttpResponse(body, content_type=content_type)


@csrf_exempt
@require_POST
def sendcloud_webhook(request):
    client = SendcloudClient.from_settings()
    try:
        event = client.verify_webhook(request.body, request.headers.get("Sendcloud-Signature"))
    except WebhookRejected as rejection:
        logger.warning(
            "sendcloud webhook rejected: %s (%s) from %s", rejection.code, rejection.reason, client_ip(request.META)
        )
        status = 400 if rejection.code == "malformed" else 401
        return JsonResponse({"error": rejection.code}, status=status)
    try:
        created = _retrying_when_locked(shipping_handlers.handle_shipping_event, client.name, event)
    except DatabaseBusy as exc:
        return _busy('{"error": "busy"}', "application/json", client.name, exc)
    return JsonResponse({"status": "ok" if created else "duplicate"})
