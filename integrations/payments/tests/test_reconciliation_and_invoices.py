"""Reconciliation of stale online payments and B2B invoices (due dates, overdue list, reminders)."""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from commerce.companies.models import Company, CompanyMembership, CompanyStatus
from commerce.orders import invoices
from commerce.orders.credit import available_credit
from commerce.orders.models import Invoice, Order, OrderStatus
from commerce.orders.services import mark_paid
from commerce.orders.tasks import expire_unpaid_orders, send_invoice_reminders
from commerce.orders.tests.factories import make_variant, order_for
from integrations.models import PaymentNotificationLog
from integrations.payments.models import PaymentTransaction, TransactionKind
from integrations.payments.tasks import reconcile_pending_payments
from integrations.tests.shop import buyer_mails, staff_mails, vendo_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_alerts(settings):
    settings.STAFF_ALERT_EMAILS = ["staff@naturwest.example"]


def stale(order: Order) -> Order:
    Order.objects.filter(pk=order.pk).update(placed_at=timezone.now() - timedelta(hours=49))
    order.refresh_from_db()
    return order


def overdue_since(order: Order, due_date: datetime.date) -> Invoice:
    """The order's invoice, issued and due on `due_date`."""
    invoice = invoices.issue_invoice(order)
    Invoice.objects.filter(pk=invoice.pk).update(due_date=due_date)
    return invoice


def refused_payment_for(order: Order) -> None:
    PaymentNotificationLog.objects.create(
        provider="vendo", event_id="7001", reference=order.number, accepted=False, rejection_code="amount_mismatch"
    )


def test_stale_unpaid_orders_are_expired():
    order = stale(vendo_order())

    assert reconcile_pending_payments() == {"flagged": 0, "held": 0, "expired": 1}
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_orders_the_provider_reported_money_for_are_flagged_not_expired(mailoutbox, django_capture_on_commit_callbacks):
    order = stale(vendo_order())
    refused_payment_for(order)

    with django_capture_on_commit_callbacks(execute=True):
        result = reconcile_pending_payments()

    order.refresh_from_db()
    [alert] = staff_mails(mailoutbox)
    assert result == {"flagged": 1, "held": 1, "expired": 0}
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert PaymentTransaction.objects.get(order=order).kind == TransactionKind.RECONCILE
    assert order.number in alert.subject


def test_a_flag_is_raised_once(mailoutbox, django_capture_on_commit_callbacks):
    order = stale(vendo_order())
    refused_payment_for(order)

    with django_capture_on_commit_callbacks(execute=True):
        reconcile_pending_payments()
    with django_capture_on_commit_callbacks(execute=True):
        reconcile_pending_payments()

    assert PaymentTransaction.objects.filter(order=order).count() == 1
    assert len(staff_mails(mailoutbox)) == 1


def test_the_orders_own_expiry_task_also_holds_orders_with_reported_money():
    order = stale(vendo_order())
    refused_payment_for(order)

    assert expire_unpaid_orders() == 0


# --- B2B invoices ---------------------------------------------------------------------------
@pytest.fixture
def company_buyer(db):
    user = get_user_model().objects.create_user("buyer", "buyer@firma.example", "pw")
    company = Company.objects.create(
        name="Bioladen GmbH",
        vat_id="DE123456789",
        street="Markt 1",
        postal_code="50667",
        city="Köln",
        contact_email="buyer@firma.example",
        status=CompanyStatus.APPROVED,
        payment_terms="invoice_net_30",
        credit_limit=Decimal("1000.00"),
    )
    CompanyMembership.objects.create(user=user, company=company)
    return user, company


def invoice_order(user, company=None) -> Order:
    company = company or user.company_membership.company
    return order_for(
        make_variant(price="119.00"), payment_method="invoice", user=user, email=user.email, company=company
    )


def test_the_due_date_follows_the_companys_payment_terms(company_buyer):
    user, _company = company_buyer
    order = invoice_order(user)

    invoice = invoices.issue_invoice(order)

    assert invoices.terms_days(order) == 30
    assert invoice.due_date == timezone.localdate(invoice.issued_at) + timedelta(days=30)


@pytest.mark.parametrize(
    ("terms", "days"),
    [("invoice_net_14", 14), ("invoice_net_30", 30), ("invoice_net_60", 60)],
)
def test_the_invoice_and_the_reminders_have_the_same_due_date(
    company_buyer, settings, terms, days, django_capture_on_commit_callbacks
):
    settings.INVOICE_DEFAULT_TERMS_DAYS = 21
    user, company = company_buyer
    company.payment_terms = terms
    company.save(update_fields=["payment_terms"])

    with django_capture_on_commit_callbacks(execute=True):
        order = invoice_order(user)  # accepted on account: invoice issued, due date registered

    invoice = Order.objects.get(pk=order.pk).invoice
    assert invoice.due_date == timezone.localdate() + timedelta(days=days)
    with django_capture_on_commit_callbacks(execute=True):
        assert invoices.send_reminders(today=invoice.due_date) == 0
        assert invoices.send_reminders(today=invoice.due_date + timedelta(days=1)) == 1


def test_without_company_terms_the_invoice_and_the_reminders_use_the_default(
    db, settings, django_capture_on_commit_callbacks
):
    settings.INVOICE_DEFAULT_TERMS_DAYS = 21
    user = get_user_model().objects.create_user("solo", "solo@example.com", "pw")

    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(make_variant(price="19.00"), payment_method="invoice", user=user, email=user.email)

    invoice = Order.objects.get(pk=order.pk).invoice
    assert invoice.due_date == timezone.localdate() + timedelta(days=21)
    assert [overdue.pk for overdue in invoices.overdue_invoices(invoice.due_date + timedelta(days=1))] == [invoice.pk]
    assert not invoices.overdue_invoices(invoice.due_date).exists()


def test_open_invoices_use_up_the_credit_limit(company_buyer):
    user, company = company_buyer
    order = invoice_order(user, company)  # 119.00 + 4.99 shipping

    assert available_credit(company) == Decimal("876.01")
    mark_paid(order, actor=user)
    assert available_credit(company) == Decimal("1000.00")


def test_overdue_invoices_are_reminded_once_per_day(company_buyer, mailoutbox, django_capture_on_commit_callbacks):
    user, _company = company_buyer
    order = invoice_order(user)
    overdue_since(order, datetime.date(2020, 1, 1))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_invoice_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_invoice_reminders() == 0
    [reminder] = buyer_mails(mailoutbox, order)
    # The outbox renders the buyer's language (de): "Payment reminder for invoice …".
    assert reminder.subject.startswith("Zahlungserinnerung zur Rechnung")


def test_paid_invoices_are_not_reminded(company_buyer, mailoutbox):
    user, _company = company_buyer
    order = invoice_order(user)
    overdue_since(order, datetime.date(2020, 1, 1))
    mark_paid(order, actor="staff")

    assert send_invoice_reminders() == 0


def test_invoice_orders_without_an_invoice_get_it_from_the_reminder_task(company_buyer):
    user, _company = company_buyer
    order = invoice_order(user)  # the invoice's after-commit issue never ran
    assert not Invoice.objects.filter(order=order).exists()

    send_invoice_reminders()

    assert Invoice.objects.get(order=order).due_date == timezone.localdate() + timedelta(days=30)


def test_staff_see_overdue_invoices(company_buyer, client):
    user, _company = company_buyer
    order = invoice_order(user)
    overdue_since(order, datetime.date(2020, 1, 1))
    client.force_login(get_user_model().objects.create_superuser("staff", "s@example.com", "pw"))

    response = client.get(reverse("integrations_overdue_invoices"))

    assert response.status_code == 200
    assert order.number in response.text
    assert order.status == OrderStatus.PROCESSING


@pytest.fixture
def sendcloud_configured(settings, sendcloud_sandbox):
    from testing.providers import SENDCLOUD

    settings.SENDCLOUD_BASE_URL = sendcloud_sandbox.base_url
    settings.SENDCLOUD_PUBLIC_KEY, settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["public_key"], SENDCLOUD["secret_key"]
    return sendcloud_sandbox


def test_an_invoice_order_accepted_on_account_gets_its_due_date_and_parcel(
    company_buyer, sendcloud_configured, django_capture_on_commit_callbacks
):
    from integrations.shipping.models import Shipment

    user, _company = company_buyer
    with django_capture_on_commit_callbacks(execute=True):
        order = invoice_order(user)  # accepted on account at placement

    assert order.status == OrderStatus.PROCESSING
    assert Invoice.objects.get(order=order).due_date == timezone.localdate() + timedelta(days=30)
    assert Shipment.objects.get(order=order).tracking_number.startswith("3SNWT")


def test_a_prepayment_order_marked_paid_by_staff_gets_its_parcel(
    sendcloud_configured, django_capture_on_commit_callbacks
):
    from integrations.shipping.models import Shipment

    order = order_for(make_variant(price="19.90"), payment_method="prepayment")
    assert not Shipment.objects.filter(order=order).exists()  # nothing ships before the money is there

    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order, actor="staff")

    assert Shipment.objects.get(order=order).tracking_number.startswith("3SNWT")
    assert Invoice.objects.get(order=order).due_date is None  # paid: nothing is due
