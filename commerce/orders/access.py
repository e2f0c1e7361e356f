"""Who may see which order: the one rule every customer-facing order URL goes through.

A customer sees their own orders; a company buyer also sees every order of their company;
a guest sees only the confirmation of an order placed in their own session. Everything else is
"not found" (404), never "forbidden", so order ids cannot be probed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Order

PLACED_ORDERS_SESSION_KEY = "placed_orders"


def orders_visible_to(user) -> QuerySet[Order]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    from commerce.accounts.models import CompanyMembership

    # One query: the buyer's company is a subquery, not a lookup of its own.
    companies = CompanyMembership.objects.filter(user_id=user.pk).values("company_id")
    return Order.objects.filter(Q(user_id=user.pk) | Q(company_id__in=companies))


def placed_in_session(request, public_id) -> bool:
    return str(public_id) in {str(value) for value in request.session.get(PLACED_ORDERS_SESSION_KEY, [])}


def get_order_for(request, public_id, *, allow_session: bool = False) -> Order:
    """The order behind `public_id` if `request` may see it, else Http404.

    `allow_session` admits a guest who placed the order in this browser session (confirmation page).
    """
    order = orders_visible_to(request.user).filter(uuid=public_id).first()
    if order is None and allow_session and placed_in_session(request, public_id):
        order = Order.objects.filter(uuid=public_id).first()
    if order is None:
        raise Http404
    return order
