"""Cart pages and endpoints: parse, call the cart's services, render. Always private.

Pages render `request.priced_cart` (the cart priced once per request, attached by
commerce.checkout.middleware), so the cart page, the mini cart and the checkout show one set of totals.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from commerce.orders.access import get_order_for
from commerce.pricing.strategy import strategy_for
from commerce.promotions.errors import PromoError

from .errors import CartError
from .lines import add_order_lines, add_to_cart, find_cart, remove_line, set_quantity
from .promo import apply_code, remove_code
from .same_origin import is_same_origin
from .summary import acknowledge_price_changes


def _wants_fragment(request) -> bool:
    return "application/json" in request.headers.get("Accept", "") or request.headers.get("HX-Request") == "true"


def _cart(request):
    return find_cart(request.session, request.user)


def _mini_html(request) -> str:
    return render_to_string("cart/mini_cart.html", {"priced": request.priced_cart}, request=request)


def _back(request):
    target = request.POST.get("next") or request.headers.get("Referer") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("cart:detail")


@never_cache
@require_GET
def cart_detail(request):
    priced = request.priced_cart
    response = render(request, "cart/cart.html", {"priced": priced, "summary": priced.summary})
    acknowledge_price_changes(priced.summary)
    return response


@never_cache
@csrf_exempt  # cached catalogue pages carry no token: same-origin headers instead (docs/cart.md)
@require_POST
def cart_add(request):
    if not is_same_origin(request):
        return HttpResponseForbidden(_("Cross-site requests are not allowed."))
    context = strategy_for(request).context
    variant_id, quantity = request.POST.get("variant"), request.POST.get("quantity", "1")
    try:
        line = add_to_cart(request.session, request.user, variant_id, quantity, context)
    except CartError as error:
        if _wants_fragment(request):
            return JsonResponse({"ok": False, "code": str(error.code), "message": error.message}, status=400)
        messages.error(request, error.message)
        return _back(request)
    message = _("%(product)s was added to your cart.") % {"product": line.variant.product.title}
    if request.headers.get("HX-Request") == "true":
        return render(request, "cart/mini_cart.html", {"priced": request.priced_cart, "added": message})
    if _wants_fragment(request):
        return JsonResponse({"ok": True, "message": message, "mini_cart": _mini_html(request)})
    messages.success(request, message)
    return _back(request)


@never_cache
@require_POST
def line_update(request, line_id):
    cart = _cart(request)
    try:
        set_quantity(cart, line_id, request.POST.get("quantity"), strategy_for(request).context)
        messages.success(request, _("The quantity was updated."))
    except CartError as error:
        messages.error(request, error.message)
    return redirect("cart:detail")


@never_cache
@require_POST
def line_remove(request, line_id):
    cart = _cart(request)
    try:
        remove_line(cart, line_id)
        messages.success(request, _("The item was removed from your cart."))
    except CartError as error:
        messages.error(request, error.message)
    return redirect("cart:detail")


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@never_cache
@require_POST
def promo_apply(request):
    cart = _cart(request)
    if cart is None:
        return redirect("cart:detail")
    if not request.session.session_key:
        request.session.save()
    user = request.user if request.user.is_authenticated else None
    try:
        code = apply_code(
            cart,
            request.POST.get("code", ""),
            request.priced_cart.summary,
            user=user,
            email=user.email if user else "",
            session_key=request.session.session_key,
            ip=client_ip(request),
        )
        messages.success(request, _("The promo code %(code)s was applied.") % {"code": code.code})
    except PromoError as error:
        messages.error(request, error.message)
    return redirect("cart:detail")


@never_cache
@require_POST
def promo_remove(request, code_id):
    cart = _cart(request)
    if cart is not None:
        remove_code(cart, code_id)
    return redirect("cart:detail")


@require_GET
def mini_cart(request):
    """Private fragment for the header (loaded by static/js/minicart.js); never cached."""
    response = render(request, "cart/mini_cart.html", {"priced": request.priced_cart})
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@require_POST
def reorder(request, public_id):
    """Order again: what can still be ordered of a past order the shopper may see goes into the cart."""
    order = get_order_for(request, public_id)
    cart = find_cart(request.session, request.user, create=True)
    added, problems = add_order_lines(cart, order, strategy_for(request).context)
    for problem in problems:
        messages.warning(request, problem)
    if added:
        messages.success(request, _("The items of order %(number)s are in your cart.") % {"number": order.number})
    return redirect("cart:detail")
