"""`{% recent_orders user as orders %}`: the account page's latest orders, through the one access rule."""

from django import template

from commerce.orders.access import orders_visible_to

register = template.Library()


@register.simple_tag
def recent_orders(user, limit: int = 5) -> list:
    """The latest orders the shopper may see (own + their company's)."""
    return list(orders_visible_to(user).order_by("-placed_at", "-pk")[:limit])
