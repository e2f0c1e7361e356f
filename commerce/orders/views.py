"""Customer order pages: history, detail, invoice and credit-note download, confirmation, re-order. HTTP only.

Every lookup goes through `access.get_order_for` (404 for anyone else), the invoice through the private
documents' rule (`private_documents.may_view_order_document`); every answer is private.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import credit_notes
from .access import get_order_for, orders_visible_to
from .invoices import stored_pdf
from .models import CreditNote, Invoice, OrderStatus
from .presentation import customer_history, payment_state
from .private_documents import INVOICE_PERMISSION, may_view_order_document, serve_private_document
from .seller import bank_account

PAGE_SIZE = 20


@never_cache
@login_required
def history(request):
    orders = orders_visible_to(request.user).select_related("invoice").order_by("-placed_at", "-pk")
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orders/order_history.html", {"page_obj": page, "orders": page.object_list})


@never_cache
@login_required
def detail(request, public_id):
    order = get_order_for(request, public_id)
    return render(request, "orders/order_detail.html", _order_context(order))


@never_cache
@login_required
def invoice_pdf(request, public_id):
    invoice = Invoice.objects.select_related("order").filter(order__uuid=public_id).first()
    if invoice is None or not may_view_order_document(request.user, invoice.order, staff_permission=INVOICE_PERMISSION):
        raise Http404
    return serve_private_document(stored_pdf(invoice), filename=invoice.filename)


@never_cache
@login_required
def credit_note_pdf(request, public_id, number):
    """A credit note of the order, under the same rule as its invoice (404 for anyone else)."""
    credit_note = CreditNote.objects.select_related("order").filter(order__uuid=public_id, number=number).first()
    if credit_note is None or not may_view_order_document(
        request.user, credit_note.order, staff_permission=INVOICE_PERMISSION
    ):
        raise Http404
    return serve_private_document(credit_notes.stored_pdf(credit_note), filename=credit_note.filename)


@never_cache
def confirmation(request, public_id):
    order = get_order_for(request, public_id, allow_session=True)
    context = _order_context(order)
    context["bank"] = bank_account() if context["payment_state"] == "awaiting_transfer" else None
    return render(request, "orders/order_confirmation.html", context)


@never_cache
@login_required
@require_POST
def reorder(request, public_id):
    order = get_order_for(request, public_id)
    from commerce.cart.lines import add_order_lines, find_cart
    from commerce.pricing.context import price_context_for_request

    cart = find_cart(request.session, request.user, create=True)
    added, problems = add_order_lines(cart, order, price_context_for_request(request))
    for problem in problems:
        messages.warning(request, problem)
    if added:
        messages.success(request, _("The items of order %(number)s are in your cart.") % {"number": order.number})
    return redirect("cart:detail")


def _order_context(order) -> dict:
    lines = list(order.lines.all())
    invoice = Invoice.objects.filter(order=order).first()
    return {
        "order": order,
        "lines": lines,
        "invoice": invoice,
        "credit_notes": list(order.credit_notes.all()) if invoice else [],
        "vat_rows": order_vat_rows(order),
        "history": customer_history(order),
        "payment_state": payment_state(order),
        "is_cancelled": order.status == OrderStatus.CANCELLED,
    }


def order_vat_rows(order) -> list[dict]:
    return [
        {"rate": rate, **amounts}
        for rate, amounts in sorted(order.vat_breakdown.items(), key=lambda item: float(item[0]), reverse=True)
    ]
