"""Vendo's postback endpoint: verify through the client, record once (payments.handlers), answer in Vendo's format."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.callbacks import UNTRUSTED_SENDER_CODES, DatabaseBusy, busy, retrying_when_locked
from integrations.network import client_ip
from integrations.payments import handlers as payment_handlers
from integrations.payments.base import NotificationRejected, NotificationRequest
from integrations.payments.vendo.client import VendoClient

logger = logging.getLogger("integrations")


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
        return retrying_when_locked(_process_vendo_postback, client, notification_request)
    except DatabaseBusy as exc:
        body, content_type = client.acknowledge(None, "temporarily unavailable, please retry")
        return busy(body, content_type, client.name, exc)


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
