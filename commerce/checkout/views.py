"""Checkout steps (address → delivery & payment → review → place): HTTP only, always private.

Each view reads the request (session, user, form), calls commerce.checkout.services with explicit
arguments, and renders or redirects; what a step needs is the services' STEP_REQUIREMENTS table.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from commerce.cart.lines import find_cart
from commerce.orders.access import may_see_order
from commerce.orders.models import Order
from commerce.pricing.strategy import strategy_for

from . import services
from .forms import AddressForm, BillingChoiceForm, ContactForm, DeliveryForm, PlaceOrderForm
from .legal import ORDER_BUTTON_LABEL, withdrawal_page
from .methods import PaymentStartFailed, allow_payment_redirect
from .middleware import priced_for_request
from .priced import Customer
from .session import CheckoutSession


def confirmation_url(order: Order) -> str:
    return reverse("orders:confirmation", args=[order.uuid])


def _step_url(step: str) -> str:
    return "cart:detail" if step == "cart" else f"checkout:{step}"


def _enter(request, step: str):
    """(priced checkout, None) when `step` may be shown, else (None, redirect)."""
    session = CheckoutSession(request.session)
    cart = find_cart(request.session, request.user)
    priced = priced_for_request(request, cart, ask_providers=step != "address")
    missing = services.missing_for(step, priced, session)
    if missing is None:
        return priced, session, None
    if missing.shown:
        (messages.info if missing.step == "cart" and not priced.summary.lines else messages.error)(
            request, missing.shown
        )
    return priced, session, redirect(_step_url(missing.step))


@never_cache
def start(request):
    return redirect("checkout:address")


@never_cache
def address(request):
    _priced, session, away = _enter(request, "address")
    if away is not None:
        return away
    user = request.user if request.user.is_authenticated else None
    initial_email = session.email or (user.email if user else "")
    data = request.POST if request.method == "POST" else None
    contact = ContactForm(data, initial={"email": initial_email})
    shipping = AddressForm(data, prefix="shipping", user=user, kind="shipping", initial=session.shipping_address)
    choice = BillingChoiceForm(data, initial={"billing_same": not session.billing_address})
    billing = AddressForm(data, prefix="billing", user=user, kind="billing", initial=session.billing_address)
    if request.method == "POST":
        forms_ok = contact.is_valid() & shipping.is_valid() & choice.is_valid()
        billing_same = choice.cleaned_data.get("billing_same", True) if forms_ok else True
        if forms_ok and (billing_same or billing.is_valid()):
            session.save_addresses(
                email=contact.cleaned_data["email"],
                shipping=shipping.address(),
                billing=None if billing_same else billing.address(),
            )
            return redirect("checkout:delivery")
    return render(
        request,
        "checkout/address.html",
        {"contact": contact, "shipping": shipping, "choice": choice, "billing": billing, "step": "address"},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def delivery(request):
    priced, session, away = _enter(request, "delivery")
    if away is not None:
        return away
    chosen_point = session.service_point or {}
    initial = {
        "shipping_method": session.shipping_method or (priced.shipping.code if priced.shipping else None),
        "payment_method": session.payment_method,
        "service_point": chosen_point.get("id"),
    }
    posted = request.POST if request.method == "POST" else {}
    # No JavaScript needed: "Search pickup points" posts the form back with another postal code;
    # the choices made so far are kept, nothing is validated yet.
    searching = "pickup_search" in posted
    if searching:
        initial.update(shipping_method=posted.get("shipping_method"), payment_method=posted.get("payment_method"))
    submitted = request.method == "POST" and not searching
    pickup = services.pickup_points(
        priced,
        chosen_code=posted.get("shipping_method") or initial["shipping_method"],
        postal_code=posted.get("pickup_postal_code") or chosen_point.get("postal_code", ""),
    )
    if pickup is not None:
        initial["pickup_postal_code"] = pickup.postal_code
    form = DeliveryForm(
        posted if submitted else None,
        offers=priced.offers,
        payments=priced.payments,
        points=pickup.points if pickup else (),
        initial=initial,
    )
    if submitted and form.is_valid():
        session.save_methods(
            shipping_method=form.cleaned_data["shipping_method"],
            payment_method=form.cleaned_data["payment_method"],
            service_point=form.chosen_point(),
        )
        return redirect("checkout:review")
    return render(
        request,
        "checkout/delivery.html",
        {"form": form, "priced": priced, "pickup": pickup, "summary": priced.summary, "step": "delivery"},
        status=400 if submitted else 200,
    )


@never_cache
def review(request):
    priced, session, away = _enter(request, "review")
    if away is not None:
        return away
    session.remember_fingerprint(priced.fingerprint)
    form = PlaceOrderForm(initial={"token": session.review_token()})
    return _render_review(request, priced, session, form)


def _render_review(request, priced, session, form, status=200):
    response = render(
        request,
        "checkout/review.html",
        {
            "form": form,
            "priced": priced,
            "summary": priced.summary,
            "state": session.state,
            "step": "review",
            "order_button_label": ORDER_BUTTON_LABEL,
            "withdrawal_page": withdrawal_page(request),
        },
        status=status,
    )
    return allow_payment_redirect(response, priced.payment)


@never_cache
@require_POST
def place(request):
    session = CheckoutSession(request.session)
    token = request.POST.get("token", "")
    already = services.existing_order(session, token)
    if already is not None:
        return redirect(confirmation_url(already))
    cart = find_cart(request.session, request.user)
    form = PlaceOrderForm(request.POST)
    if not form.is_valid():
        if cart is None or not session.shipping_address:
            return redirect("cart:detail")
        priced = priced_for_request(request, cart, ask_providers=True)
        if priced.offer is None or priced.payment is None:
            return redirect("checkout:delivery")
        return _render_review(request, priced, session, form, status=400)
    user = request.user if request.user.is_authenticated else None
    try:
        order = services.place_checkout(
            cart,
            strategy_for(request).context_for(delivery_country=session.country),
            Customer.of(user),
            session,
            form.cleaned_data["token"],
            language=(get_language() or "de")[:2],
        )
    except services.CheckoutAlreadyOrdered as already:
        messages.warning(request, already.message)
        if may_see_order(request, already.order, allow_session=True):
            return redirect(confirmation_url(already.order))
        return redirect("cart:detail")
    except services.CheckoutProblem as problem:
        messages.error(request, problem.message)
        return redirect(_step_url(problem.step))
    try:
        start = services.start_payment(order, request)
    except PaymentStartFailed as failure:
        messages.error(request, failure.message)
        return redirect(failure.retry_url or confirmation_url(order))
    if start is not None and start.redirect_url:
        return redirect(start.redirect_url)
    return redirect(confirmation_url(order))
