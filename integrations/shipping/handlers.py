"""What happens to a verified shipping webhook: recorded exactly once, then handed to the shop.

`services.receive_shipping_event(event, log, stale)` runs once per event inside the recording
transaction. `stale` is True when a newer event for the same parcel
was already recorded: deliveries arrive out of order, and an older status must not overwrite a
newer one (e.g. "en route" arriving after "delivered").
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from integrations.models import ShippingWebhookLog
from integrations.shipping import services
from integrations.shipping.base import WebhookEvent

logger = logging.getLogger("integrations.shipping")


def handle_shipping_event(provider: str, event: WebhookEvent) -> bool:
    """Record once; True when new, False for a replay. Unknown parcels are recorded and acknowledged too."""
    try:
        with transaction.atomic():
            stale = bool(event.parcel_id) and (
                ShippingWebhookLog.objects.filter(
                    provider=provider, parcel_id=event.parcel_id, event_timestamp_ms__gt=event.timestamp_ms
                ).exists()
            )
            log = ShippingWebhookLog.objects.create(
                provider=provider,
                event_id=event.event_id,
                action=event.action,
                parcel_id=event.parcel_id,
                external_reference=event.external_reference or event.order_number,
                tracking_number=event.tracking_number,
                status_id=event.status_id,
                status=event.status,
                event_timestamp_ms=event.timestamp_ms,
                superseded=stale,
                payload=event.raw,
            )
            services.receive_shipping_event(event, log, stale)
    except IntegrityError:
        logger.info("duplicate %s webhook %s ignored", provider, event.event_id)
        return False
    return True
