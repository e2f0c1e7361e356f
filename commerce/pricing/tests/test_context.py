"""price_context_for_request: who is buying, decided from the request alone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from commerce.companies.models import CompanyStatus
from commerce.pricing.context import CustomerKind, price_context_for_request

from .factories import make_company, make_price_list, make_user

pytestmark = pytest.mark.django_db


def _request(user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session if session is not None else {}
    return request


def test_anonymous_request_is_anonymous_in_germany():
    context = price_context_for_request(_request(AnonymousUser()))
    assert (context.customer_kind, context.company_id, context.price_list_id, context.delivery_country) == (
        CustomerKind.ANONYMOUS,
        None,
        None,
        "DE",
    )


def test_signed_in_user_without_company_is_b2c():
    context = price_context_for_request(_request(make_user("erika")))
    assert (context.customer_kind, context.price_list_id) == (CustomerKind.B2C, None)


def test_buyer_of_an_approved_company_is_b2b_with_its_list():
    buyer = make_user("einkauf")
    price_list = make_price_list()
    company = make_company(country="AT", price_list=price_list, buyer=buyer)
    context = price_context_for_request(_request(buyer))
    assert (context.customer_kind, context.company_id, context.price_list_id, context.vat_id) == (
        CustomerKind.B2B,
        company.pk,
        price_list.pk,
        "ATU13585627",
    )
    assert context.delivery_country == "AT"


def test_buyer_of_a_pending_company_is_b2c():
    buyer = make_user("wartend")
    make_company(price_list=make_price_list(), buyer=buyer, status=CompanyStatus.PENDING)
    assert price_context_for_request(_request(buyer)).customer_kind == CustomerKind.B2C


def test_delivery_country_from_the_session():
    context = price_context_for_request(_request(AnonymousUser(), {"delivery_country": "NL"}))
    assert context.delivery_country == "NL"


def test_unknown_session_country_falls_back_to_germany():
    context = price_context_for_request(_request(AnonymousUser(), {"delivery_country": "XX"}))
    assert context.delivery_country == "DE"
