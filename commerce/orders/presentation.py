"""What a customer may read about an order's life: customer-safe labels, no staff notes or actors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Order, OrderEventType, OrderStatus

STATUS_LABELS = {
    OrderStatus.PENDING_PAYMENT: _("Awaiting payment"),
    OrderStatus.PAID: _("Payment received"),
    OrderStatus.PROCESSING: _("Being prepared"),
    OrderStatus.SHIPPED: _("Shipped"),
    OrderStatus.DELIVERED: _("Delivered"),
    OrderStatus.CANCELLED: _("Cancelled"),
    OrderStatus.PARTIALLY_REFUNDED: _("Partially refunded"),
    OrderStatus.REFUNDED: _("Refunded"),
}


def customer_history(order: Order) -> list[dict]:
    """Placed, each status change and the invoice payment, oldest first. Notes stay internal."""
    history = []
    for event in order.events.all():
        if event.type == OrderEventType.PLACED:
            label = _("Order placed")
        elif event.type == OrderEventType.STATUS_CHANGED and event.to_status:
            label = STATUS_LABELS.get(event.to_status, event.get_to_status_display())
        elif event.type == OrderEventType.INVOICE_PAID:
            label = _("Payment received")
        else:
            continue
        history.append({"at": event.created_at, "label": label})
    return history


def payment_state(order: Order) -> str:
    """awaiting_transfer (prepayment, show bank details) | confirming (provider payment pending) |
    on_account (invoice order) | paid | cancelled."""
    if order.status == OrderStatus.CANCELLED:
        return "cancelled"
    if order.paid_at is not None:
        return "paid"
    if order.is_invoice_order:
        return "on_account"
    if order.payment_method == "prepayment":
        return "awaiting_transfer"
    return "confirming"
