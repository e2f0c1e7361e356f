"""Shipping flows for orders: make the parcel and its label, follow the carrier, let staff intervene.

Provider calls happen outside database locks; every state we reach is stored on `Shipment`, so
an order is never stuck without something staff can see (pending, label created, failed + error).
The carrier is the parcel service registered with the shop (commerce.orders.providers): its
`client()` speaks `base.ShippingProvider`, `parcel_method_id(order)` names the carrier product.
"""

from __future__ import annotations

import logging
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from commerce.notifications.services import notify_staff
from commerce.orders import events, providers
from commerce.orders import services as order_services
from commerce.orders.models import Order, OrderStatus
from commerce.orders.state import IllegalTransition, can_transition
from integrations.errors import ProviderError
from integrations.shipping.base import Address, ParcelRequest, Tracking
from integrations.shipping.models import Shipment, ShipmentStatus

logger = logging.getLogger("integrations.shipping")

SHIPPABLE = frozenset({OrderStatus.PAID, OrderStatus.PROCESSING})
DEFAULT_WEIGHT_G = 1000
_HOUSE_NUMBER = re.compile(r"^(?P<street>.*?)[\s,]+(?P<number>\d+[\w/-]*(?:\s*[a-zA-Z])?)$")


def split_street(street: str) -> tuple[str, str]:
    """ "Hauptstr. 12a" → ("Hauptstr.", "12a"); carriers want the house number apart."""
    match = _HOUSE_NUMBER.match(street.strip())
    if not match:
        return street.strip(), ""
    return match["street"].strip(), match["number"].strip()


def carrier():
    """The registered parcel service; its absence is a wiring error, not a provider failure."""
    service = providers.parcel_service()
    if service is None:
        raise RuntimeError("no parcel service is registered")
    return service


def order_weight_g(order: Order) -> int:
    weight = sum((line.variant.weight_grams if line.variant else 0) * line.quantity for line in order.lines.all())
    return weight or DEFAULT_WEIGHT_G


def parcel_request(order: Order, reference: str) -> ParcelRequest:
    address = order.shipping_address
    street, house_number = split_street(address.street)
    return ParcelRequest(
        external_reference=reference,
        address=Address(
            name=f"{address.first_name} {address.last_name}".strip() or order.company_name,
            company_name=address.company,
            street=street,
            house_number=house_number,
            address_2=address.street2,
            postal_code=address.postal_code,
            city=address.city,
            country=address.country,
            email=order.email,
            telephone=address.phone,
        ),
        weight_g=order_weight_g(order),
        shipping_method_id=carrier().parcel_method_id(order),
        service_point_id=order.service_point_id,
        total_order_value=order.total_gross,
        currency=order.currency,
    )


def current_shipment(order: Order) -> Shipment:
    """The order's live shipment, created on first need. After a cancelled label the next gets `-2`, `-3`…"""
    live = Shipment.objects.filter(order=order).exclude(status=ShipmentStatus.CANCELLED).order_by("pk").first()
    if live is not None:
        return live
    earlier = Shipment.objects.filter(order=order).count()
    reference = order.number if earlier == 0 else f"{order.number}-{earlier + 1}"
    shipment, _created = Shipment.objects.get_or_create(
        reference=reference, defaults={"order": order, "provider": carrier().name}
    )
    return shipment


def create_parcel(order_id: int, *, client=None) -> Shipment:
    """Create (or find) the parcel with its label and store tracking + label. Idempotent.

    Raises ProviderError for the task to decide on retries; the attempt and the error are
    recorded on the shipment either way.
    """
    order = Order.objects.get(pk=order_id)
    shipment = current_shipment(order)
    if shipment.status == ShipmentStatus.LABEL_CREATED and shipment.label:
        return shipment
    Shipment.objects.filter(pk=shipment.pk).update(attempts=F("attempts") + 1)
    client = client or carrier().client()
    try:
        parcel = client.create_parcel(parcel_request(order, shipment.reference))
        if parcel.errors and not parcel.announced:
            raise ProviderError("; ".join(parcel.errors), provider=client.name)
        pdf = client.fetch_label_pdf(parcel.id)
    except ProviderError as exc:
        Shipment.objects.filter(pk=shipment.pk).update(error=str(exc)[:2000])
        raise
    shipment.refresh_from_db()
    if shipment.label:
        shipment.label.delete(save=False)
    shipment.label.save(f"{shipment.reference}-{parcel.id}.pdf", ContentFile(pdf), save=False)
    shipment.provider_parcel_id = parcel.id
    shipment.tracking_number = parcel.tracking_number
    shipment.tracking_url = parcel.tracking_url
    shipment.carrier_status_id = parcel.status_id
    shipment.carrier_status = parcel.status
    shipment.status = ShipmentStatus.LABEL_CREATED
    shipment.error = ""
    shipment.save()
    with transaction.atomic():
        Order.objects.filter(pk=order.pk).update(
            tracking_number=parcel.tracking_number, tracking_url=parcel.tracking_url
        )
        events.tracking_updated_event(
            order, tracking_number=parcel.tracking_number, tracking_url=parcel.tracking_url, actor=client.name
        )
    return shipment


def mark_failed(order_id: int, error: str) -> Shipment:
    """The last retry failed: staff see the provider's error on the shipment and get an alert."""
    order = Order.objects.get(pk=order_id)
    shipment = current_shipment(order)
    Shipment.objects.filter(pk=shipment.pk).update(status=ShipmentStatus.FAILED, error=error[:2000])
    shipment.refresh_from_db()
    subject = _("Parcel for order %(number)s could not be created") % {"number": order.number}
    logger.warning("staff alert: %s — %s", subject, error)
    notify_staff(
        "staff_alert",
        context={"subject": subject, "message": error},
        order=order,
        dedupe_key=f"parcel_failed:{shipment.reference}:{shipment.attempts}",
    )
    return shipment


def retry_shipment(order: Order) -> None:
    """Staff action: try again after a failure (same reference, so no second parcel)."""
    from integrations.shipping.tasks import queue_parcel

    Shipment.objects.filter(order=order, status=ShipmentStatus.FAILED).update(status=ShipmentStatus.PENDING)
    transaction.on_commit(lambda: queue_parcel(order))


def cancel_label(shipment: Shipment, *, client=None) -> str:
    """Staff action: cancel the parcel at the provider; the next creation uses a new reference."""
    client = client or carrier().client()
    if shipment.provider_parcel_id:
        result = client.cancel_parcel(shipment.provider_parcel_id)  # raises ProviderError with the message
        outcome = result.outcome
    else:
        outcome = "cancelled"
    Shipment.objects.filter(pk=shipment.pk).update(status=ShipmentStatus.CANCELLED)
    return outcome


# --- tracking webhook ---------------------------------------------------------------------
def receive_shipping_event(event, log, stale: bool) -> None:
    """Carrier status → order status (`event.tracking`, the provider's status in the shop's words).
    Runs once per event, in the recording transaction (handlers.handle_shipping_event).

    Stale events (older than one already recorded for the parcel) never move anything.
    """
    if stale or not event.tracking:
        return
    shipment = _shipment_for(event)
    if shipment is None:
        logger.info("webhook for unknown parcel %s (%s) acknowledged", event.parcel_id, event.external_reference)
        return
    Shipment.objects.filter(pk=shipment.pk, carrier_status_at_ms__lt=event.timestamp_ms).update(
        carrier_status_id=event.status_id,
        carrier_status=event.status[:200],
        carrier_status_at_ms=event.timestamp_ms,
        tracking_number=event.tracking_number or F("tracking_number"),
    )
    order = shipment.order
    actor = log.provider
    if event.tracking in (Tracking.IN_TRANSIT, Tracking.DELIVERED):
        _ship(order, shipment, event, actor=actor)
    if event.tracking == Tracking.DELIVERED and can_transition(order, OrderStatus.DELIVERED):
        try:
            order_services.mark_delivered(order, actor=actor, note=event.status)
        except IllegalTransition:
            return
    elif event.tracking == Tracking.PROBLEM:
        subject = _("Delivery problem with order %(number)s: %(status)s") % {
            "number": order.number,
            "status": event.status,
        }
        message = _("Parcel %(parcel)s (tracking %(tracking)s) reports: %(status)s") % {
            "parcel": event.parcel_id,
            "tracking": event.tracking_number or shipment.tracking_number,
            "status": event.status,
        }
        logger.warning("staff alert: %s", subject)
        transaction.on_commit(
            lambda: notify_staff(
                "staff_alert",
                context={"subject": subject, "message": message},
                order=order,
                dedupe_key=f"shipping_problem:{event.parcel_id}:{event.status_id}",
            )
        )


def _shipment_for(event) -> Shipment | None:
    queryset = Shipment.objects.select_related("order")
    if event.parcel_id:
        found = queryset.filter(provider_parcel_id=event.parcel_id).first()
        if found is not None:
            return found
    reference = event.external_reference or event.order_number
    return queryset.filter(reference=reference).first() if reference else None


def _ship(order: Order, shipment: Shipment, event, *, actor: str) -> None:
    if order.status not in SHIPPABLE or not can_transition(order, OrderStatus.SHIPPED):
        return
    tracking_number = event.tracking_number or shipment.tracking_number
    tracking_url = shipment.tracking_url or order.tracking_url
    try:
        order_services.mark_shipped(
            order, tracking_number=tracking_number, tracking_url=tracking_url, actor=actor, note=event.status
        )
    except IllegalTransition:
        return
