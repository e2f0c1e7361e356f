"""Staff views for orders in the Wagtail admin: HTTP only, every change goes through services.

Orders are never edited as forms (that would break the frozen snapshot and the totals): the
viewset's add/edit/delete are refused by OrderPermissionPolicy; staff act through the actions.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .invoices import stored_pdf
from .models import Invoice, Order, OrderStatus
from .private_documents import INVOICE_PERMISSION, serve_private_document
from .state import IllegalTransition, can_transition

MANAGE_PERMISSION = "orders.change_order"


class OrderPermissionPolicy(ModelPermissionPolicy):
    """View with orders.view_order; nobody adds, edits or deletes orders through generic forms."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class OrderFilterSet(WagtailFilterSet):
    placed_at = django_filters.DateFromToRangeFilter(label=_("Placed"), widget=DateRangePickerWidget)
    paid = django_filters.BooleanFilter(
        label=_("Paid"), field_name="paid_at", lookup_expr="isnull", exclude=True, widget=BooleanRadioSelect
    )

    class Meta:
        model = Order
        fields = ["status", "customer_kind", "payment_method"]


class OrderInspectView(InspectView):
    template_name = "orders/admin/order_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Order.objects.select_related("user"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        can_manage = self.request.user.has_perm(MANAGE_PERMISSION)
        context.update(
            order=order,
            invoice=Invoice.objects.filter(order=order).first(),
            credit_notes=list(order.credit_notes.all()),
            lines=list(order.lines.all()),
            order_events=list(order.events.select_related("actor")),
            can_manage=can_manage,
            can_cancel=can_manage and can_transition(order, OrderStatus.CANCELLED),
            can_mark_paid=can_manage
            and (order.status == OrderStatus.PENDING_PAYMENT or (order.is_invoice_order and not order.is_paid)),
            can_mark_shipped=can_manage and can_transition(order, OrderStatus.SHIPPED),
            can_mark_delivered=can_manage and can_transition(order, OrderStatus.DELIVERED),
        )
        return context


class OrderActionView(View):
    """POST one staff action; the result (or the refusal) is shown as a message on the order page."""

    http_method_names = ["post"]
    inspect_url_name = "orders_order:inspect"

    def post(self, request, pk: int, action: str):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=pk)
        note = request.POST.get("note", "").strip()
        actor = request.user
        try:
            if action == "cancel":
                services.cancel_order(order, actor=actor, note=note)
            elif action == "mark_paid":
                services.mark_paid(order, actor=actor, note=note)
            elif action == "mark_shipped":
                services.mark_shipped(
                    order,
                    tracking_number=request.POST.get("tracking_number", "").strip()[:100],
                    tracking_url=request.POST.get("tracking_url", "").strip()[:500],
                    actor=actor,
                    note=note,
                )
            elif action == "mark_delivered":
                services.mark_delivered(order, actor=actor, note=note)
            elif action == "add_note":
                if not note:
                    messages.error(request, _("Please write a note."))
                    return redirect(self.inspect_url_name, order.pk)
                services.add_note(order, note=note, actor=actor)
            else:
                raise PermissionDenied
        except IllegalTransition as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("Order %(number)s updated.") % {"number": order.number})
        return redirect(self.inspect_url_name, order.pk)


def invoice_download(request, pk: int):
    """The order's invoice PDF for staff who may view invoices (Operations)."""
    if not request.user.has_perm(INVOICE_PERMISSION):  # before the lookup: no probing of order ids
        raise PermissionDenied
    invoice = get_object_or_404(Invoice.objects.select_related("order"), order_id=pk)
    return serve_private_document(stored_pdf(invoice), filename=invoice.filename)


def credit_note_download(request, pk: int, number: str):
    """A credit note (invoice correction) of the order, for the same staff as its invoice."""
    if not request.user.has_perm(INVOICE_PERMISSION):  # before the lookup: no probing of order ids
        raise PermissionDenied
    from .credit_notes import stored_pdf as stored_credit_note_pdf
    from .models import CreditNote

    credit_note = get_object_or_404(CreditNote, order_id=pk, number=number)
    return serve_private_document(stored_credit_note_pdf(credit_note), filename=credit_note.filename)
