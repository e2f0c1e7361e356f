"""The data migration that links business orders placed before `Order.company` was filled in."""

from importlib import import_module

import pytest
from django.apps import apps

from commerce.companies.models import CompanyMembership
from commerce.orders.models import Order
from commerce.orders.tests.factories import make_variant, order_for
from commerce.pricing.tests.factories import make_company, make_user

pytestmark = pytest.mark.django_db

migration = import_module("commerce.companies.migrations.0002_link_company_orders")


def _unlinked(user, **fields) -> Order:
    order = order_for(make_variant(), user=user, email=user.email, **fields)
    Order.objects.filter(pk=order.pk).update(company=None)  # as the checkout used to store them
    return order


def test_business_orders_of_a_buyer_are_linked_to_the_company_they_name():
    buyer = make_user("einkauf")
    company = make_company(buyer=buyer)
    business = _unlinked(buyer, customer_kind="b2b", company_name=company.name, company_vat_id=company.vat_id)
    private = _unlinked(buyer)
    former = _unlinked(buyer, customer_kind="b2b", company_name="Alte Firma", company_vat_id="DE129273398")
    stranger = make_user("fremd")
    foreign = _unlinked(stranger, customer_kind="b2b", company_name=company.name, company_vat_id=company.vat_id)

    migration.link_company_orders(apps, None)

    linked = dict(Order.objects.values_list("pk", "company_id"))
    assert linked == {business.pk: company.pk, private.pk: None, former.pk: None, foreign.pk: None}
    assert CompanyMembership.objects.get(user=buyer).company == company
