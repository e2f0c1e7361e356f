"""B2B invoices: the due date printed on the invoice is the one the overdue list and the reminder use."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from commerce.companies.models import Company, CompanyMembership, CompanyStatus
from commerce.notifications.models import Notification
from commerce.orders import invoices
from commerce.orders.models import Invoice

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer_on_30_days():
    user = get_user_model().objects.create_user("einkauf", "einkauf@firma.example", "pw")
    company = Company.objects.create(
        name="Reformhaus GmbH",
        vat_id="DE811907980",
        street="Markt 1",
        postal_code="50667",
        city="Köln",
        contact_email=user.email,
        status=CompanyStatus.APPROVED,
        payment_terms="invoice_net_30",
        credit_limit=Decimal("1000.00"),
    )
    CompanyMembership.objects.create(user=user, company=company)
    return user, company


def test_the_reminder_states_the_invoices_due_date(buyer_on_30_days, settings, django_capture_on_commit_callbacks):
    settings.INVOICE_DEFAULT_TERMS_DAYS = 21  # the company's 30 days win over the shop's default
    user, company = buyer_on_30_days
    order = order_for(
        make_variant(price="59.00"), payment_method="invoice", user=user, email=user.email, company=company
    )
    invoice = invoices.issue_invoice(order)
    assert invoice.due_date == timezone.localdate(invoice.issued_at) + timedelta(days=30)

    with django_capture_on_commit_callbacks(execute=True):
        on_the_due_date = invoices.send_reminders(today=invoice.due_date)
        the_day_after = invoices.send_reminders(today=invoice.due_date + timedelta(days=1))

    assert (on_the_due_date, the_day_after) == (0, 1)
    [reminder] = Notification.objects.filter(kind="invoice_reminder", order=order)
    assert reminder.context["due_date"] == invoice.due_date.isoformat()
    assert Invoice.objects.get(pk=invoice.pk).last_reminded_on == invoice.due_date + timedelta(days=1)


def test_a_reminder_goes_out_once_per_day(buyer_on_30_days, django_capture_on_commit_callbacks):
    user, company = buyer_on_30_days
    order = order_for(
        make_variant(price="59.00"), payment_method="invoice", user=user, email=user.email, company=company
    )
    invoice = invoices.issue_invoice(order)
    late = invoice.due_date + timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        sent = [invoices.send_reminders(today=late), invoices.send_reminders(today=late)]

    assert sent == [1, 0]
    assert Notification.objects.filter(kind="invoice_reminder", order=order).count() == 1
