"""Provider callbacks: parse, verify through the provider client, hand over to a handler, answer.

Thin by design; the rules live in the clients (verification) and handlers (recording, idempotency).
"""

from __future__ import annotations

import logging

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
        notification = client.parse_notification(notification_request, payment_handlers.expected_payment)
    except NotificationRejected as rejection:
        logger.warning(
            "vendo postback rejected: %s (%s) transaction=%s reference=%s from %s",
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
        return HttpResponse(body, content_type=content_type)
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
    created = shipping_handlers.handle_shipping_event(client.name, event)
    return JsonResponse({"status": "ok" if created else "duplicate"})
