"""Whether the online withdrawal function is offered for an order (its account page shows the link)."""

from __future__ import annotations

from django import template

from commerce.orders.withdrawals import may_withdraw

register = template.Library()


@register.simple_tag
def withdrawal_available(order) -> bool:
    return may_withdraw(order)
