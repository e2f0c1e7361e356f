"""The order state machine: an explicit transition table, enforced with a conditional UPDATE.

    pending_payment ──► paid ──► processing ──► shipped ──► delivered
          │   └──(invoice only)──►──┘    │          ▲
          │           └──────────────────┼──────────┘ (paid → shipped: the carrier scan wins)
          ▼                              ▼
      cancelled ◄───────── paid / processing          (cancelling a paid order leaves a refund due)
          │
          └──► refunded (only if money was received)
    paid / processing / shipped / delivered ──► partially_refunded ──► refunded
                                                 (and ──► refunded directly)

B2B invoice orders are "accepted on account": pending_payment → processing without a payment,
allowed only when payment_method == "invoice"; their payment is recorded later by `paid_at`
(services.mark_paid), not by a status. A small table beats an FSM library here: it is data that
the admin can read (allowed_transitions) and it runs as one conditional UPDATE, which django-fsm's
in-memory field protection would not give us for concurrent writers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events
from .models import Order, OrderStatus

S = OrderStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.PROCESSING, S.CANCELLED}),
    S.PAID: frozenset({S.PROCESSING, S.SHIPPED, S.CANCELLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PROCESSING: frozenset({S.SHIPPED, S.CANCELLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    # A second partial refund is a transition too, so that it writes its own event.
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.CANCELLED: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
}


def _is_invoice_order(order: Order) -> bool:
    return order.is_invoice_order


def _money_received(order: Order) -> bool:
    return order.paid_at is not None


# Extra conditions on single edges: (from, to) → (check, reason shown when it fails).
GUARDS: dict[tuple[str, str], tuple[Callable[[Order], bool], str]] = {
    (S.PENDING_PAYMENT, S.PROCESSING): (_is_invoice_order, _("Only invoice orders are accepted without payment.")),
    **{
        (source, target): (_money_received, _("Nothing was paid, so nothing can be refunded."))
        for source in (S.PAID, S.PROCESSING, S.SHIPPED, S.DELIVERED, S.CANCELLED, S.PARTIALLY_REFUNDED)
        for target in (S.PARTIALLY_REFUNDED, S.REFUNDED)
        if target in TRANSITIONS[source]
    },
}

# Timestamps stamped by the same UPDATE that changes the status. paid_at keeps its first value.
TIMESTAMPS = {S.PAID: "paid_at", S.SHIPPED: "shipped_at", S.DELIVERED: "delivered_at", S.CANCELLED: "cancelled_at"}


class IllegalTransition(Exception):
    def __init__(self, order: Order, from_status: str, to_status: str, reason: str = ""):
        self.order, self.from_status, self.to_status = order, from_status, to_status
        self.reason = reason or _("This status change is not allowed.")
        super().__init__(f"{order.number}: {from_status} → {to_status}: {self.reason}")


def check_transition(order: Order, to_status: str) -> None:
    """Raise IllegalTransition unless the table (and the edge's guard) allow it from the order's status."""
    if to_status not in TRANSITIONS.get(order.status, ()):
        raise IllegalTransition(order, order.status, to_status)
    guard = GUARDS.get((order.status, to_status))
    if guard and not guard[0](order):
        raise IllegalTransition(order, order.status, to_status, str(guard[1]))


def can_transition(order: Order, to_status: str) -> bool:
    try:
        check_transition(order, to_status)
    except IllegalTransition:
        return False
    return True


def allowed_transitions(order: Order) -> list[str]:
    return [status for status in S.values if can_transition(order, status)]


def transition(
    order: Order,
    to_status: str,
    *,
    actor: events.Actor = None,
    note: str = "",
    payload: dict | None = None,
    **fields,
) -> Order:
    """Move `order` to `to_status` or raise IllegalTransition; writes a status_changed event.

    The UPDATE is conditional on the status we checked, so of two concurrent transitions from the
    same status exactly one wins; the loser raises and changes nothing. `fields` are stored by
    the same UPDATE (e.g. tracking_number). Side effects (stock, emails) belong to the caller.
    """
    from_status = order.status
    check_transition(order, to_status)
    now = timezone.now()
    values = dict(fields, status=to_status)
    stamp = TIMESTAMPS.get(to_status)
    if stamp == "paid_at":
        values[stamp] = Coalesce(F("paid_at"), now)
    elif stamp:
        values[stamp] = now
    with transaction.atomic():
        updated = Order.objects.filter(pk=order.pk, status=from_status).update(**values)
        if not updated:
            current = Order.objects.filter(pk=order.pk).values_list("status", flat=True).first()
            raise IllegalTransition(
                order, from_status, to_status, _("The order changed meanwhile (now: %s).") % current
            )
        order.refresh_from_db(fields=["status", *fields, *([stamp] if stamp else [])])
        events.status_changed_event(
            order, from_status=from_status, to_status=to_status, actor=actor, note=note, payload=payload
        )
    return order
