"""Staff views for an order's money and parcels (Wagtail admin). HTTP only: every change is a service call."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commerce.orders import invoices
from commerce.orders.models import Order
from commerce.orders.private_documents import LABEL_PERMISSION, serve_private_document
from integrations.errors import ProviderError
from integrations.payments import services as payment_services
from integrations.payments.models import PaymentTransaction
from integrations.shipping import services as shipping_services
from integrations.shipping.models import Shipment, ShipmentStatus

VIEW_PERMISSION = "orders.view_order"
MANAGE_PERMISSION = "orders.change_order"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def order_payments(request, order_id: int):
    _require(request, VIEW_PERMISSION)
    order = get_object_or_404(Order, pk=order_id)
    shipments = list(Shipment.objects.filter(order=order))
    return TemplateResponse(
        request,
        "integrations/admin/order_payments.html",
        {
            "order": order,
            "transactions": list(PaymentTransaction.objects.filter(order=order)),
            "refundable": payment_services.refundable_amount(order),
            "shipments": shipments,
            "can_create_shipment": not any(s.status != ShipmentStatus.CANCELLED for s in shipments),
            "invoice_due": getattr(order, "invoice_due", None) if order.is_invoice_order else None,
            "can_manage": request.user.has_perm(MANAGE_PERMISSION),
        },
    )


@require_POST
def refund(request, order_id: int):
    _require(request, MANAGE_PERMISSION)
    order = get_object_or_404(Order, pk=order_id)
    raw = request.POST.get("amount", "").strip().replace(",", ".")
    try:
        amount = Decimal(raw).quantize(Decimal("0.01")) if raw else None
    except InvalidOperation:
        messages.error(request, _("Please enter an amount like 12.50, or leave it empty for a full refund."))
        return redirect("integrations_order_payments", order.pk)
    try:
        attempt = payment_services.refund(order, amount, actor=request.user)
    except payment_services.RefundNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        if attempt.status == "succeeded":
            messages.success(
                request,
                _("Refunded %(amount)s %(currency)s.") % {"amount": attempt.amount, "currency": attempt.currency},
            )
        else:
            messages.error(request, _("The refund failed: %(error)s") % {"error": attempt.error_message})
    return redirect("integrations_order_payments", order.pk)


@require_POST
def shipment_action(request, order_id: int, action: str):
    _require(request, MANAGE_PERMISSION)
    order = get_object_or_404(Order, pk=order_id)
    if action in ("create", "retry"):
        with transaction.atomic():
            shipping_services.retry_shipment(order)
        messages.success(request, _("Parcel creation queued."))
    elif action == "cancel":
        shipment = get_object_or_404(Shipment, pk=request.POST.get("shipment"), order=order)
        try:
            outcome = shipping_services.cancel_label(shipment)
        except ProviderError as exc:
            messages.error(request, _("Sendcloud refused the cancellation: %(error)s") % {"error": exc.message})
        else:
            messages.success(request, _("Label cancelled (%(outcome)s).") % {"outcome": outcome})
    else:
        raise Http404
    return redirect("integrations_order_payments", order.pk)


def shipment_label(request, shipment_id: int):
    _require(request, LABEL_PERMISSION)
    shipment = get_object_or_404(Shipment, pk=shipment_id)
    return serve_private_document(shipment.label, filename=f"{shipment.reference}.pdf")


def overdue_invoices(request):
    _require(request, VIEW_PERMISSION)
    return TemplateResponse(
        request,
        "integrations/admin/overdue_invoices.html",
        {"invoices": list(invoices.overdue_invoices()), "today": timezone.localdate()},
    )
