"""The online withdrawal function's pages: find the order, declare (step one), confirm (step two), done.

HTTP only; the rules live in withdrawals.py. Plain forms and redirects, no JavaScript needed. Who may
withdraw from an order: its signed-in owner, the browser session that placed it, or a guest who
named it by order number *and* e-mail (remembered in the session). Anyone else gets 404, and a
wrong e-mail reads exactly like an unknown number. Guest look-ups are rate-limited (allauth's
limiter, ACCOUNT_RATE_LIMITS["withdrawal_lookup"]: per client address and per typed number).
"""

from __future__ import annotations

from allauth.core import ratelimit
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from . import withdrawals
from .access import can_view_order, orders_visible_to, placed_in_session
from .errors import WithdrawalError, WithdrawalErrorCode
from .forms import WithdrawalDeclarationForm, WithdrawalLookupForm, line_label
from .models import Order, Withdrawal

FOUND_ORDERS_SESSION_KEY = "withdrawal_orders"
DECLARED_SESSION_KEY = "withdrawals_declared"
DRAFTS_SESSION_KEY = "withdrawal_drafts"
REMEMBERED = 10


def _remember(request, key: str, value) -> None:
    values = [str(item) for item in request.session.get(key, []) if str(item) != str(value)]
    request.session[key] = [*values, str(value)][-REMEMBERED:]


def _order_for(request, public_id) -> Order:
    """The order behind `public_id` if this visitor may withdraw from it, else 404."""
    order = Order.objects.filter(uuid=public_id).first()
    if order is None:
        raise Http404
    user = getattr(request, "user", None)
    found = str(public_id) in {str(value) for value in request.session.get(FOUND_ORDERS_SESSION_KEY, [])}
    if not (found or placed_in_session(request.session, public_id) or can_view_order(user, order)):
        raise Http404
    return order


def _unavailable(request, order: Order, error: WithdrawalError):
    return render(request, "orders/withdrawal_unavailable.html", {"order": order, "error": error.message})


@never_cache
def start(request):
    """Where the footer link leads: the customer's withdrawable orders, and the guest look-up."""
    form = WithdrawalLookupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        number = withdrawals.normalise_order_number(form.cleaned_data["order_number"])
        if not ratelimit.consume(request, action="withdrawal_lookup", key=number):
            form.add_error(None, WithdrawalError(WithdrawalErrorCode.RATE_LIMITED).message)
            status = 429
        else:
            order = withdrawals.find_order(number, form.cleaned_data["email"])
            if order is None:
                form.add_error(None, WithdrawalError(WithdrawalErrorCode.NOT_FOUND).message)
            else:
                _remember(request, FOUND_ORDERS_SESSION_KEY, order.uuid)
                return redirect("orders:withdrawal_declare", public_id=order.uuid)
    own_orders = []
    if request.user.is_authenticated:
        candidates = orders_visible_to(request.user).order_by("-placed_at", "-pk")[:20]
        own_orders = [order for order in candidates if withdrawals.may_withdraw(order)]
    return render(request, "orders/withdrawal_start.html", {"form": form, "own_orders": own_orders}, status=status)


@never_cache
def declare(request, public_id):
    """Step one: name, lines (whole order or some), e-mail for the acknowledgement."""
    order = _order_for(request, public_id)
    denial = withdrawals.withdrawal_denial(order)
    if denial is not None:
        return _unavailable(request, order, denial)
    lines = withdrawals.open_lines(order)
    drafts = request.session.get(DRAFTS_SESSION_KEY, {})
    initial = drafts.get(str(order.uuid)) or {"email": order.email, "name": _customer_name(order)}
    if initial.get("line_ids") is not None:
        initial = {**initial, "scope": "lines", "lines": initial["line_ids"]}
    form = WithdrawalDeclarationForm(request.POST or None, order_lines=lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        drafts[str(order.uuid)] = {
            "name": form.cleaned_data["name"],
            "email": form.cleaned_data["email"],
            "line_ids": form.line_ids(),
        }
        request.session[DRAFTS_SESSION_KEY] = drafts
        return redirect("orders:withdrawal_confirm", public_id=order.uuid)
    return render(request, "orders/withdrawal_declare.html", {"order": order, "form": form, "lines": lines})


@never_cache
def confirm(request, public_id):
    """Step two: the declaration once more, and the button that makes it."""
    order = _order_for(request, public_id)
    denial = withdrawals.withdrawal_denial(order)
    if denial is not None:
        return _unavailable(request, order, denial)
    draft = request.session.get(DRAFTS_SESSION_KEY, {}).get(str(order.uuid))
    if draft is None:
        return redirect("orders:withdrawal_declare", public_id=order.uuid)
    lines = withdrawals.open_lines(order)
    chosen = lines if draft["line_ids"] is None else [line for line in lines if line.pk in draft["line_ids"]]
    if request.method == "POST":
        try:
            withdrawal = withdrawals.declare_withdrawal(
                order, name=draft["name"], email=draft["email"], line_ids=draft["line_ids"], actor=request.user
            )
        except WithdrawalError as error:
            if error.code == WithdrawalErrorCode.NO_LINES:
                return redirect("orders:withdrawal_declare", public_id=order.uuid)
            return _unavailable(request, order, error)
        drafts = request.session.get(DRAFTS_SESSION_KEY, {})
        drafts.pop(str(order.uuid), None)
        request.session[DRAFTS_SESSION_KEY] = drafts
        _remember(request, DECLARED_SESSION_KEY, withdrawal.uuid)
        return redirect("orders:withdrawal_done", public_id=withdrawal.uuid)
    context = {
        "order": order,
        "draft": draft,
        "whole_order": draft["line_ids"] is None,
        "chosen": [line_label(line) for line in chosen],
    }
    return render(request, "orders/withdrawal_confirm.html", context)


@never_cache
def done(request, public_id):
    """What was declared and when: the same content as the acknowledgement e-mail."""
    withdrawal = get_object_or_404(Withdrawal.objects.select_related("order"), uuid=public_id)
    declared_here = str(public_id) in {str(value) for value in request.session.get(DECLARED_SESSION_KEY, [])}
    if not (declared_here or can_view_order(getattr(request, "user", None), withdrawal.order)):
        raise Http404
    content = withdrawals.acknowledgement_content(withdrawal, language=get_language())
    return render(request, "orders/withdrawal_done.html", {"withdrawal": withdrawal, **content})


def _customer_name(order: Order) -> str:
    address = order.billing_address if order.billing_last_name else order.shipping_address
    return f"{address.first_name} {address.last_name}".strip()
