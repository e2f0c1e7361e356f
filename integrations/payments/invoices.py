"""B2B purchase on account ("Kauf auf Rechnung"): credit, due dates, overdue reminders.

Whether a company may buy on account, and for how much, is commerce.orders.credit's answer
(approved company, invoice terms, order within `available_credit`). From acceptance on, this
module fixes the due date from the company's terms and reminds overdue customers; staff
record the incoming bank transfer with the order action "mark paid" (commerce.orders).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from commerce.notifications.services import notify
from commerce.orders.credit import NOT_OWED
from commerce.orders.invoices import due_date, terms_days
from commerce.orders.models import Invoice, Order, OrderStatus, PaymentMethodCode
from integrations.payments.models import InvoiceDue


def register_invoice_order(order: Order) -> InvoiceDue:
    """Fix the due date the reminders go by: the one printed on the invoice, else acceptance date +
    the company's payment terms (commerce.orders.invoices, the same rule). Idempotent."""
    invoice = Invoice.objects.filter(order_id=order.pk).only("due_date").first()
    if invoice is not None and invoice.due_date is not None:
        due_on = invoice.due_date
    else:
        due_on = due_date(order, timezone.localdate(order.placed_at))
    due, _created = InvoiceDue.objects.get_or_create(
        order=order, defaults={"terms_days": terms_days(order), "due_date": due_on}
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
