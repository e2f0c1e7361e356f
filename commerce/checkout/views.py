"""Checkout steps (address → delivery & payment → review → place): HTTP only, always private."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from commerce.cart.services import get_cart
from commerce.orders.access import get_order_for, may_see_order
from commerce.orders.models import Order

from . import services
from .forms import AddressForm, BillingChoiceForm, ContactForm, DeliveryForm, PlaceOrderForm
from .legal import ORDER_BUTTON_LABEL, withdrawal_page
from .methods import PaymentStartFailed, allow_payment_redirect, default_offer

STEPS = ("address", "delivery", "review")


def _cart_or_redirect(request):
    cart = get_cart(request)
    if cart is None or not cart.lines.exists():
        messages.info(request, _("Your cart is empty."))
        return None
    return cart


def confirmation_url(order: Order) -> str:
    try:
        return reverse("orders:confirmation", args=[order.uuid])
    except NoReverseMatch:
        return reverse("checkout:placed", args=[order.uuid])


@never_cache
def start(request):
    return redirect("checkout:address")


@never_cache
def address(request):
    cart = _cart_or_redirect(request)
    if cart is None:
        return redirect("cart:detail")
    state = services.state_of(request)
    user = request.user if request.user.is_authenticated else None
    initial_email = state.get("email") or (user.email if user else "")
    data = request.POST if request.method == "POST" else None
    contact = ContactForm(data, initial={"email": initial_email})
    shipping = AddressForm(data, prefix="shipping", user=user, kind="shipping", initial=state.get("shipping"))
    choice = BillingChoiceForm(data, initial={"billing_same": not state.get("billing")})
    billing = AddressForm(data, prefix="billing", user=user, kind="billing", initial=state.get("billing"))
    if request.method == "POST":
        forms_ok = contact.is_valid() & shipping.is_valid() & choice.is_valid()
        billing_same = choice.cleaned_data.get("billing_same", True) if forms_ok else True
        if forms_ok and (billing_same or billing.is_valid()):
            services.save_addresses(
                request,
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
    cart = _cart_or_redirect(request)
    if cart is None:
        return redirect("cart:detail")
    state = services.state_of(request)
    if not state.get("shipping"):
        return redirect("checkout:address")
    view = services.checkout_view(request, cart, state)
    chosen_point = state.get("service_point") or {}
    initial = {
        "shipping_method": state.get("shipping_method"),
        "payment_method": state.get("payment_method"),
        "service_point": chosen_point.get("id"),
    }
    if view.offers and not initial["shipping_method"]:
        initial["shipping_method"] = default_offer(view.offers).method_code
    posted = request.POST if request.method == "POST" else {}
    # No JavaScript needed: "Search pickup points" posts the form back with another postal code;
    # the choices made so far are kept, nothing is validated yet.
    searching = "pickup_search" in posted
    if searching:
        initial.update(shipping_method=posted.get("shipping_method"), payment_method=posted.get("payment_method"))
    submitted = request.method == "POST" and not searching
    pickup = services.pickup_points(
        view,
        chosen_code=posted.get("shipping_method") or initial["shipping_method"],
        postal_code=posted.get("pickup_postal_code") or chosen_point.get("postal_code", ""),
    )
    if pickup is not None:
        initial["pickup_postal_code"] = pickup.postal_code
    form = DeliveryForm(
        posted if submitted else None,
        offers=view.offers,
        payments=view.payments,
        points=pickup.points if pickup else (),
        initial=initial,
    )
    if submitted and form.is_valid():
        services.save_methods(
            request,
            shipping_method=form.cleaned_data["shipping_method"],
            payment_method=form.cleaned_data["payment_method"],
            service_point=form.chosen_point(),
        )
        return redirect("checkout:review")
    return render(
        request,
        "checkout/delivery.html",
        {"form": form, "view": view, "pickup": pickup, "summary": view.summary, "step": "delivery"},
        status=400 if submitted else 200,
    )


@never_cache
def review(request):
    cart = _cart_or_redirect(request)
    if cart is None:
        return redirect("cart:detail")
    state = services.state_of(request)
    if not state.get("shipping"):
        return redirect("checkout:address")
    view = services.checkout_view(request, cart, state)
    if view.offer is None or view.payment is None:
        return redirect("checkout:delivery")
    if view.offer.service_point_required and not state.get("service_point"):
        return redirect("checkout:delivery")
    if not view.summary.can_check_out:
        messages.error(request, _("Please fix the marked items in your cart first."))
        return redirect("cart:detail")
    services.remember_fingerprint(request, view.summary)
    form = PlaceOrderForm(initial={"token": services.review_token(request)})
    return _render_review(request, view, form, state)


def _render_review(request, view, form, state, status=200):
    response = render(
        request,
        "checkout/review.html",
        {
            "form": form,
            "view": view,
            "summary": view.summary,
            "state": state,
            "step": "review",
            "order_button_label": ORDER_BUTTON_LABEL,
            "withdrawal_page": withdrawal_page(request),
        },
        status=status,
    )
    return allow_payment_redirect(response, view.payment)


@never_cache
@require_POST
def place(request):
    token = request.POST.get("token", "")
    already = services.existing_order(request, token)
    if already is not None:
        return redirect(confirmation_url(already))
    cart = get_cart(request)
    form = PlaceOrderForm(request.POST)
    if not form.is_valid():
        state = services.state_of(request)
        if cart is None or not state.get("shipping"):
            return redirect("cart:detail")
        view = services.checkout_view(request, cart, state)
        if view.offer is None or view.payment is None:
            return redirect("checkout:delivery")
        return _render_review(request, view, form, state, status=400)
    try:
        order = services.place_checkout(request, cart, form.cleaned_data["token"])
    except services.CheckoutAlreadyOrdered as already:
        messages.warning(request, already.message)
        if may_see_order(request, already.order, allow_session=True):
            return redirect(confirmation_url(already.order))
        return redirect("cart:detail")
    except services.CheckoutProblem as problem:
        messages.error(request, problem.message)
        return redirect("cart:detail" if problem.step == "cart" else f"checkout:{problem.step}")
    try:
        start = services.start_payment(order, request)
    except PaymentStartFailed as failure:
        messages.error(request, failure.message)
        return redirect(failure.retry_url or confirmation_url(order))
    if start is not None and start.redirect_url:
        return redirect(start.redirect_url)
    return redirect(confirmation_url(order))


@never_cache
def placed(request, public_id):
    """Placeholder confirmation until orders:confirmation exists (the order pages' rule decides who sees it)."""
    order = get_order_for(request, public_id, allow_session=True)
    method = services.payment_method_for(order)
    # Only methods with static instructions (prepayment) are asked; start() is never repeated here.
    instructions = method.instructions(order) if hasattr(method, "instructions") else ""
    return render(request, "checkout/placed.html", {"order": order, "instructions": instructions})
