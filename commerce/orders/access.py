"""Who may see which order: the one rule every customer-facing order URL goes through.

Order pages, invoice downloads, confirmation, payment pages and the payment status JSON all ask
this module. A signed-in customer sees the orders they placed and the orders placed for their
company (`Order.company`, fixed at placement) while they are a buyer of that approved company;
what decides is the order's own company, never the viewer's current one, so a buyer's private
orders (no company) stay private and a buyer who leaves takes no colleague's orders along.
A guest sees an order placed in their own browser session (session key "placed_orders") where
the URL allows it. Everything else is "not found" (404), never "forbidden", so ids cannot be probed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Order

PLACED_ORDERS_SESSION_KEY = "placed_orders"
REMEMBERED_PLACED_ORDERS = 20


def _colleague_companies(user):
    """The approved companies `user` buys for, as a subquery (no lookup of its own)."""
    from commerce.companies.models import CompanyMembership, CompanyStatus

    return CompanyMembership.objects.filter(user_id=user.pk, company__status=CompanyStatus.APPROVED).values(
        "company_id"
    )


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def orders_visible_to(user) -> QuerySet[Order]:
    """Every order `user` may see in their account: their own and their approved company's."""
    if not _signed_in(user):
        return Order.objects.none()
    return Order.objects.filter(Q(user_id=user.pk) | Q(company_id__in=_colleague_companies(user)))


def can_view_order(user, order: Order) -> bool:
    """The same rule as orders_visible_to, for one order already loaded (documents, downloads)."""
    if not _signed_in(user):
        return False
    if order.user_id is not None and order.user_id == user.pk:
        return True
    return order.company_id is not None and _colleague_companies(user).filter(company_id=order.company_id).exists()


def _placed(session) -> list[str]:
    return [str(value) for value in (session.get(PLACED_ORDERS_SESSION_KEY, []) if session is not None else [])]


def placed_in_session(session, public_id) -> bool:
    """Did this browser session place the order? (`session` is any dict-like session store.)"""
    return str(public_id) in _placed(session)


def remember_placed_order(session, order: Order) -> None:
    """The placing browser session may see its order as a guest (the latest few are kept)."""
    placed = _placed(session)
    if str(order.uuid) not in placed:
        placed.append(str(order.uuid))
    session[PLACED_ORDERS_SESSION_KEY] = placed[-REMEMBERED_PLACED_ORDERS:]


def may_see_order(request, order: Order, *, allow_session: bool = False) -> bool:
    """`can_view_order` for the request's user, or, with `allow_session`, the session that placed it."""
    if can_view_order(getattr(request, "user", None), order):
        return True
    return allow_session and placed_in_session(getattr(request, "session", None), order.uuid)


def get_order_for(request, public_id, *, allow_session: bool = False) -> Order:
    """The order behind `public_id` if `request` may see it, else Http404.

    `allow_session` admits a guest who placed the order in this browser session (confirmation and
    payment pages); the account pages (detail, invoice, re-order) need a signed-in owner or colleague.
    """
    order = orders_visible_to(getattr(request, "user", None)).filter(uuid=public_id).first()
    if order is None and allow_session and placed_in_session(getattr(request, "session", None), public_id):
        order = Order.objects.filter(uuid=public_id).first()
    if order is None:
        raise Http404
    return order
