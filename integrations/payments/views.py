"""The buyer's payment pages: pay (again), come back from the provider, wait for the confirmation. HTTP only.

The return from the provider's page is untrusted: only its notification marks an order paid, so
the success page waits (polling the private status endpoint) until the order really is paid.
Who may open them is the order pages' rule (commerce.orders.access), guests by their session.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from commerce.orders.access import get_order_for
from commerce.orders.models import OrderStatus
from integrations.payments import services

PAID_STATES = frozenset({OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED})


def confirmation_url(order) -> str:
    return reverse("orders:confirmation", args=[order.uuid])


def is_paid(order) -> bool:
    return order.paid_at is not None and order.status in PAID_STATES


@never_cache
@require_GET
def payment_page(request, public_id):
    """Retry page: pay a pending order (again), or see that it is paid."""
    order = get_order_for(request, public_id, allow_session=True)
    method = services.online_method(order.payment_method)
    can_pay = order.status == OrderStatus.PENDING_PAYMENT and method is not None
    response = render(
        request,
        "payments/payment_page.html",
        {"order": order, "can_pay": can_pay, "paid": is_paid(order)},
    )
    if can_pay:
        response._csp_update = {"form-action": list(method.redirect_origins())}
    return response


@never_cache
@require_POST
def start_payment(request, public_id):
    """Re-sign a payment link and send the buyer to the provider; on failure back to the payment page."""
    order = get_order_for(request, public_id, allow_session=True)
    try:
        url = services.start_payment(order, request)
    except services.PaymentStartFailed as failure:
        messages.error(request, failure.message)
        return redirect("payments:payment", order.uuid)
    return redirect(url)


@never_cache
@require_GET
def return_success(request, public_id):
    order = get_order_for(request, public_id, allow_session=True)
    if is_paid(order):
        return redirect(confirmation_url(order))
    return render(
        request,
        "payments/payment_pending.html",
        {"order": order, "status_url": reverse("payments:status", args=[order.uuid])},
    )


@never_cache
@require_GET
def return_decline(request, public_id):
    order = get_order_for(request, public_id, allow_session=True)
    messages.error(
        request,
        _("The payment was declined or cancelled. Your order is saved: please try again or choose another card."),
    )
    return redirect("payments:payment", order.uuid)


@never_cache
@require_GET
def payment_status(request, public_id):
    """Private JSON for the waiting page's poll (never cached, only for the order's owner)."""
    order = get_order_for(request, public_id, allow_session=True)
    paid = is_paid(order)
    return JsonResponse(
        {"status": order.status, "paid": paid, "redirect_url": confirmation_url(order) if paid else ""},
        headers={"Cache-Control": "private, no-store"},
    )
