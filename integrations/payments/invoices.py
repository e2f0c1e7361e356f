"""B2B purchase on account ("Kauf auf Rechnung"): credit, due dates, overdue reminders.

Whether a company may buy on account, and for how much, is commerce.orders.credit's answer
(approved company, invoice terms, order within `available_credit`). From acceptance on, this
module fixes the due date from the company's terms and reminds overdue customers; staff
record the incoming bank transfer with the order action "mark paid" (commerce.orders).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from commerce.notifications.services import notify
from commerce.orders.credit import NOT_OWED
from commerce.orders.models import Order, OrderStatus, PaymentMethodCode
from integrations.payments.models import InvoiceDue

TERMS_DAYS = {"invoice_net_14": 14, "invoice_net_30": 30, "invoice_net_60": 60}


def _company_of(order: Order):
    """The company the order was placed for; orders without one fall back to the buyer's company."""
    if order.company_id:
        return order.company
    from commerce.accounts.services import company_for_user

    return company_for_user(order.user) if order.user_id else None


def terms_days_for(order: Order) -> int:
    company = _company_of(order)
    terms = getattr(company, "payment_terms", "")
    return TERMS_DAYS.get(terms, settings.INVOICE_DEFAULT_TERMS_DAYS)


def register_invoice_order(order: Order) -> InvoiceDue:
    """Fix the due date (acceptance date + the company's payment terms). Idempotent."""
    days = terms_days_for(order)
    accepted_on = timezone.localdate(order.placed_at)
    due, _created = InvoiceDue.objects.get_or_create(
        order=order, defaults={"terms_days": days, "due_date": accepted_on + datetime.timedelta(days=days)}
    )
    return due


def register_due_date_on_acceptance(sender, order: Order, **kwargs) -> None:
    """Receiver of commerce.orders.signals.order_accepted: an invoice order accepted on account
    gets its due date now (acceptance date + the company's payment terms)."""
    if order.payment_method == PaymentMethodCode.INVOICE:
        register_invoice_order(order)


def overdue_invoices(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return (
        InvoiceDue.objects.select_related("order")
        .filter(due_date__lt=today, order__paid_at__isnull=True, order__payment_method=PaymentMethodCode.INVOICE)
        .exclude(order__status__in=NOT_OWED)
        .order_by("due_date", "pk")
    )


def register_missing_due_dates() -> int:
    """Invoice orders accepted without passing through `invoice_order_accepted` still get their due date."""
    missing = (
        Order.objects.filter(payment_method=PaymentMethodCode.INVOICE, paid_at__isnull=True, invoice_due__isnull=True)
        .exclude(status__in=NOT_OWED)
        .exclude(status=OrderStatus.PENDING_PAYMENT)
    )
    count = 0
    for order in missing.iterator():
        register_invoice_order(order)
        count += 1
    return count


def send_reminders(today: datetime.date | None = None) -> int:
    """One reminder per overdue invoice and day: the day is claimed with a conditional UPDATE first."""
    today = today or timezone.localdate()
    register_missing_due_dates()
    sent = 0
    for due in overdue_invoices(today):
        claimed = InvoiceDue.objects.filter(pk=due.pk).exclude(last_reminded_on=today).update(last_reminded_on=today)
        if not claimed:
            continue
        order = due.order
        notify(
            "invoice_reminder",
            to=order.email,
            context={"due_date": due.due_date.isoformat(), "amount": str(order.total_gross)},
            language=order.language,
            order=order,
            dedupe_key=f"invoice_reminder:{order.pk}:{today.isoformat()}",
        )
        sent += 1
    return sent
