"""Every `select_for_update` of the cart domain, in one place.

Placing an order locks the cart row first, before the company and the variants it orders (see
commerce.orders.lock_objects): two sessions of one customer submitting the same cart queue here,
and the second finds the cart already ordered.
"""

from __future__ import annotations

from .models import Cart


def cart_for_update(cart_id: int):
    return Cart.objects.select_for_update().filter(pk=cart_id)
