"""The audit trail. One function per event type so every writer records the same shape.

`actor` is a user (staff or customer) or a label for machines ("system", "vendo", "sendcloud").
"""

from __future__ import annotations

from typing import Any

from .models import Order, OrderEvent, OrderEventType

Actor = Any  # a User instance, a str label, or None (= "system")


def actor_fields(actor: Actor) -> dict[str, Any]:
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    if isinstance(actor, str):
        return {"actor": None, "actor_label": actor[:150]}
    if not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "anonymous"}
    who = getattr(actor, "email", "") or actor.get_username()
    role = "staff" if getattr(actor, "is_staff", False) else "customer"
    return {"actor": actor, "actor_label": f"{role}: {who}"[:150]}


def _event(order: Order, type: str, actor: Actor, note: str = "", payload: dict | None = None, **extra) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order, type=type, note=note, payload=payload or {}, **actor_fields(actor), **extra
    )


def order_placed_event(order: Order, *, actor: Actor = None) -> OrderEvent:
    return _event(
        order,
        OrderEventType.PLACED,
        actor,
        to_status=order.status,
        payload={"total_gross": str(order.total_gross), "payment_method": order.payment_method},
    )


def status_changed_event(
    order: Order, *, from_status: str, to_status: str, actor: Actor = None, note: str = "", payload=None
) -> OrderEvent:
    return _event(
        order,
        OrderEventType.STATUS_CHANGED,
        actor,
        note,
        payload,
        from_status=from_status,
        to_status=to_status,
    )


def stock_released_event(order: Order, *, quantities: dict[str, int], actor: Actor = None) -> OrderEvent:
    return _event(order, OrderEventType.STOCK_RELEASED, actor, payload={"quantities": quantities})


def invoice_paid_event(order: Order, *, actor: Actor = None, note: str = "") -> OrderEvent:
    return _event(order, OrderEventType.INVOICE_PAID, actor, note)


def tracking_updated_event(order: Order, *, tracking_number: str, tracking_url: str, actor: Actor = None):
    return _event(
        order,
        OrderEventType.TRACKING_UPDATED,
        actor,
        payload={"tracking_number": tracking_number, "tracking_url": tracking_url},
    )


def note_added_event(order: Order, *, note: str, actor: Actor = None) -> OrderEvent:
    return _event(order, OrderEventType.NOTE_ADDED, actor, note)


def withdrawal_declared_event(order: Order, *, withdrawal, actor: Actor = None) -> OrderEvent:
    return _event(
        order,
        OrderEventType.WITHDRAWAL_DECLARED,
        actor,
        payload={
            "withdrawal": str(withdrawal.uuid),
            "declared_at": withdrawal.declared_at.isoformat(),
            "whole_order": withdrawal.whole_order,
            "lines": [[line.order_line.sku, line.quantity] for line in withdrawal.lines.all()],
            "refund_due_by": withdrawal.refund_due_by.isoformat(),
        },
    )
