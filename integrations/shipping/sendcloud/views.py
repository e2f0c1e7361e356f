"""Sendcloud's tracking webhook: check the signature through the client, record once (shipping.handlers)."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.callbacks import DatabaseBusy, busy, retrying_when_locked
from integrations.network import client_ip
from integrations.shipping import handlers as shipping_handlers
from integrations.shipping.base import WebhookRejected
from integrations.shipping.sendcloud.client import SendcloudClient

logger = logging.getLogger("integrations")


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
        created = retrying_when_locked(shipping_handlers.handle_shipping_event, client.name, event)
    except DatabaseBusy as exc:
        return busy('{"error": "busy"}', "application/json", client.name, exc)
    return JsonResponse({"status": "ok" if created else "duplicate"})
