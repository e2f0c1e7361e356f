"""Issuing invoices and following up B2B invoices ("Kauf auf Rechnung") until they are paid.

An invoice is issued when money arrives (`services.mark_paid`) or an invoice order is accepted on
account (`place_order` / `services.accept_on_account`), always after commit; payment providers and
the staff "mark paid" action reach it through those services. Safe to call any number of times.
The invoice's due date (acceptance + the company's payment terms, `terms_days`) is the one the
overdue list and the reminders go by; staff record the bank transfer with "mark paid".
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from commerce.notifications.services import notify

from .credit import NOT_OWED
from .lock_objects import order_for_update
from .models import Invoice, Order, OrderStatus, PaymentMethodCode
from .numbering import next_number
from .seller import seller_snapshot

TERM_DAYS = {"invoice_net_14": 14, "invoice_net_30": 30, "invoice_net_60": 60}


class NotInvoiceable(ValueError):
    """The order has neither been paid nor accepted on account (or it was cancelled unpaid)."""


def is_invoiceable(order: Order) -> bool:
    if order.paid_at is not None:
        return True
    return order.is_invoice_order and order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)


def terms_days(order: Order) -> int:
    """Days the buying company has to pay an invoice order: its agreed terms, else the shop's
    default (INVOICE_DEFAULT_TERMS_DAYS). The one rule for the invoice's due date and the reminders."""
    terms = order.company.payment_terms if order.company_id else ""
    return TERM_DAYS.get(terms, settings.INVOICE_DEFAULT_TERMS_DAYS)


def due_date(order: Order, accepted_on: date) -> date:
    """When an invoice order accepted on `accepted_on` must be paid."""
    return accepted_on + timedelta(days=terms_days(order))


def expected_delivery(issued_on: date) -> date:
    """When an order invoiced before shipment is expected at the buyer (INVOICE_DELIVERY_WITHIN_DAYS)."""
    return issued_on + timedelta(days=settings.INVOICE_DELIVERY_WITHIN_DAYS)


def payment_term_days(order: Order) -> int | None:
    """Days to pay for invoice orders; None when the order is already paid (nothing is due)."""
    if not order.is_invoice_order or order.paid_at is not None:
        return None
    return terms_days(order)


def issue_invoice(order: Order) -> Invoice:
    """The order's invoice, created on the first call; later calls return it unchanged.

    The order row is locked while the number is taken, so two concurrent calls (payment webhook
    and staff click) create one invoice with one number; a failure rolls the number back.
    """
    existing = Invoice.objects.filter(order_id=order.pk).first()
    if existing is None:
        with transaction.atomic():
            locked = order_for_update(order.pk).get()
            existing = Invoice.objects.filter(order_id=order.pk).first()
            if existing is None:
                if not is_invoiceable(locked):
                    raise NotInvoiceable(f"order {locked.number} is not paid or accepted on account")
                now = timezone.now()
                today = timezone.localdate(now)
                owed = payment_term_days(locked) is not None
                existing = Invoice.objects.create(
                    order=locked,
                    number=next_number("invoice"),
                    issued_at=now,
                    delivery_date=timezone.localdate(locked.shipped_at) if locked.shipped_at else None,
                    expected_delivery_by=None if locked.shipped_at else expected_delivery(today),
                    due_date=due_date(locked, today) if owed else None,
                    seller=seller_snapshot(),
                )
    if not existing.pdf:
        store_pdf(existing)
    return existing


def store_pdf(invoice: Invoice) -> None:
    """Render outside the numbering lock; the file is a cache that can be rebuilt from the snapshot."""
    from .invoice_pdf import render_invoice_pdf

    content = render_invoice_pdf(invoice)
    invoice.pdf.save(invoice.filename, ContentFile(content), save=False)
    Invoice.objects.filter(pk=invoice.pk).update(pdf=invoice.pdf.name)


def invoice_pdf_for(order: Order) -> tuple[str, bytes] | None:
    """(filename, PDF bytes) of the order's invoice, or None when none was issued."""
    invoice = Invoice.objects.filter(order_id=order.pk).first()
    if invoice is None:
        return None
    return invoice.filename, invoice_pdf_bytes(invoice)


def invoice_pdf_bytes(invoice: Invoice) -> bytes:
    with stored_pdf(invoice).open("rb") as handle:
        return handle.read()


def stored_pdf(invoice: Invoice):
    """The invoice's PDF file in the private storage, rendered again first if it was never stored or is lost."""
    if not invoice.pdf or not invoice.pdf.storage.exists(invoice.pdf.name):
        store_pdf(invoice)
    return invoice.pdf


def overdue_invoices(today: date | None = None):
    """Unpaid invoices of orders still owed whose due date has passed, oldest first."""
    today = today or timezone.localdate()
    return (
        Invoice.objects.select_related("order")
        .filter(due_date__lt=today, order__paid_at__isnull=True, order__payment_method=PaymentMethodCode.INVOICE)
        .exclude(order__status__in=NOT_OWED)
        .order_by("due_date", "pk")
    )


def issue_missing_invoices() -> int:
    """Invoice orders accepted on account whose invoice was never issued (e.g. the worker was down) get it now."""
    missing = (
        Order.objects.filter(payment_method=PaymentMethodCode.INVOICE, paid_at__isnull=True, invoice__isnull=True)
        .exclude(status__in=NOT_OWED)
        .exclude(status=OrderStatus.PENDING_PAYMENT)
    )
    count = 0
    for order in missing.iterator():
        issue_invoice(order)
        count += 1
    return count


def send_reminders(today: date | None = None) -> int:
    """One reminder per overdue invoice and day: the day is claimed with a conditional UPDATE first."""
    today = today or timezone.localdate()
    issue_missing_invoices()
    sent = 0
    for invoice in overdue_invoices(today):
        claimed = Invoice.objects.filter(pk=invoice.pk).exclude(last_reminded_on=today).update(last_reminded_on=today)
        if not claimed:
            continue
        order = invoice.order
        notify(
            "invoice_reminder",
            to=order.email,
            context={"due_date": invoice.due_date.isoformat(), "amount": str(order.total_gross)},
            language=order.language,
            order=order,
            dedupe_key=f"invoice_reminder:{order.pk}:{today.isoformat()}",
        )
        sent += 1
    return sent
