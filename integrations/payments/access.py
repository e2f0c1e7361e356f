"""Who may see an order's payment pages: the same rule as the order pages (CONTRACTS.md).

The buyer's account, a colleague in the same approved company, or the browser session that
placed the order as a guest (session key "placed_orders"). Anyone else gets a 404, never a hint.
"""

from __future__ import annotations

from django.http import Http404

from commerce.orders.models import Order

SESSION_PLACED_ORDERS = "placed_orders"


def remember_placed_order(request, order: Order) -> None:
    placed = list(request.session.get(SESSION_PLACED_ORDERS, []))
    if str(order.uuid) not in placed:
        request.session[SESSION_PLACED_ORDERS] = [*placed, str(order.uuid)][-20:]


def may_view(request, order: Order) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if order.user_id == user.pk:
            return True
        if order.user_id and _same_company(user, order.user_id):
            return True
    return str(order.uuid) in request.session.get(SESSION_PLACED_ORDERS, [])


def _same_company(user, other_user_id: int) -> bool:
    from commerce.accounts.models import CompanyMembership
    from commerce.accounts.services import company_for_user

    company = company_for_user(user)
    return company is not None and CompanyMembership.objects.filter(company=company, user_id=other_user_id).exists()


def order_for_request(request, public_id) -> Order:
    order = Order.objects.filter(uuid=public_id).first()
    if order is None or not may_view(request, order):
        raise Http404
    return order
