"""Credit on account: what a company owes decides what it may still order on invoice."""

from decimal import Decimal

import pytest

from catalog.models import ProductVariant
from commerce.companies.models import Company, CompanyStatus, PaymentTerms
from commerce.orders.credit import (
    CreditLimitExceeded,
    InvoiceNotAllowed,
    available_credit,
    open_invoice_amount,
)
from commerce.orders.models import Order
from commerce.orders.services import cancel_order, mark_paid

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


def _company(vat_id="DE136695976", *, credit_limit="30.00", **fields) -> Company:
    fields.setdefault("status", CompanyStatus.APPROVED)
    fields.setdefault("payment_terms", PaymentTerms.INVOICE_NET_30)
    return Company.objects.create(
        name=f"Kontor {vat_id}",
        vat_id=vat_id,
        street="Weg 1",
        postal_code="10115",
        city="Berlin",
        contact_email=f"{vat_id}@example.com",
        credit_limit=Decimal(credit_limit),
        **fields,
    )


def _invoice_order(company, price="10.00", **kwargs):
    """10.00 € of goods + 5.00 € business shipping = 15.00 € open."""
    variant = make_variant(price=price)
    return order_for(variant, payment_method="invoice", customer_kind="b2b", company=company, **kwargs)


def test_open_invoices_of_the_company_use_up_its_credit():
    company = _company()
    other = _company("DE129273398")
    _invoice_order(company)
    _invoice_order(other)
    order_for(make_variant(), payment_method="prepayment", company=company)

    assert open_invoice_amount(company) == Decimal("15.00")
    assert available_credit(company) == Decimal("15.00")


def test_paid_and_cancelled_invoices_give_the_credit_back():
    company = _company()
    paid, cancelled = _invoice_order(company), _invoice_order(company)

    mark_paid(paid, actor="staff")
    cancel_order(cancelled, actor="staff")

    assert available_credit(company) == Decimal("30.00")


def test_an_invoice_order_over_the_available_credit_is_refused_and_nothing_is_written():
    company = _company()
    _invoice_order(company)
    variant = make_variant(price="10.01", stock=5)  # 15.01 € > 15.00 € left

    with pytest.raises(CreditLimitExceeded) as refused:
        order_for(variant, payment_method="invoice", customer_kind="b2b", company=company)

    assert (refused.value.amount, refused.value.available) == (Decimal("15.01"), Decimal("15.00"))
    assert Order.objects.count() == 1
    assert ProductVariant.objects.get(pk=variant.pk).stock_quantity == 5


def test_an_order_using_the_last_cent_of_credit_is_accepted():
    company = _company()
    _invoice_order(company)

    _invoice_order(company)

    assert available_credit(company) == Decimal("0.00")


@pytest.mark.parametrize(
    "change",
    [{"status": CompanyStatus.REJECTED}, {"payment_terms": PaymentTerms.PREPAYMENT}],
    ids=["rejected", "prepay"],
)
def test_a_company_no_longer_on_invoice_terms_cannot_order_on_invoice(change):
    company = _company()
    Company.objects.filter(pk=company.pk).update(**change)  # decided by staff after the checkout began

    with pytest.raises(InvoiceNotAllowed):
        _invoice_order(company)

    assert not Order.objects.exists()


def test_resubmitting_a_placed_invoice_order_returns_it_even_when_the_credit_is_used_up():
    company = _company(credit_limit="15.00")
    first = _invoice_order(company, key="checkout-1")

    again = _invoice_order(company, key="checkout-1")

    assert again == first
    assert Order.objects.count() == 1
