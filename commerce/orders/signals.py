"""Signals other rooms listen to, so commerce never imports a provider.

`order_accepted` is sent after commit once the shop owes the goods: the order was paid
(pending_payment → paid, whichever way the money came) or accepted on account (B2B invoice).
Shipping creates the parcel, invoicing fixes the due date. Receivers must be idempotent:
a replayed payment notification may reach them twice.
"""

from django.dispatch import Signal

order_accepted = Signal()  # kwargs: order
