"""The request's pricing strategy: one price context per request, one door to storefront prices."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from catalog.prices import list_price
from commerce.pricing import strategy as strategy_module
from commerce.pricing.context import CustomerKind
from commerce.pricing.strategy import PricingStrategy, PricingStrategyMiddleware, strategy_for

from .factories import add_entry, make_company, make_price_list, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def _request(user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session if session is not None else {}
    return request


@pytest.fixture
def buyer(shop):
    user = make_user("einkauf")
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "8.00", 12: "7.00"})
    add_entry(price_list, shop.tea, {1: "6.00"})
    make_company(price_list=price_list, buyer=user)
    return user


def test_price_context_for_request_is_called_only_by_the_strategy():
    callers = []
    for package in ("content", "catalog", "commerce", "integrations", "assistant", "naturwest"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or path.name.startswith("test_"):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                    if name == "price_context_for_request":
                        callers.append(str(path.relative_to(ROOT)))

    assert callers == ["commerce/pricing/strategy.py"]


def test_the_middleware_attaches_one_strategy_that_resolves_nothing_yet():
    request = _request(AnonymousUser())
    seen = []

    PricingStrategyMiddleware(lambda r: seen.append(r.strategy))(request)

    assert isinstance(seen[0], PricingStrategy)
    assert "context" not in vars(seen[0])  # lazy: the cached HTML path never pays for it


def test_the_context_is_resolved_once_per_request(buyer, monkeypatch):
    calls = []
    resolve = strategy_module.price_context_for_request
    monkeypatch.setattr(strategy_module, "price_context_for_request", lambda r: calls.append(r) or resolve(r))
    strategy = strategy_for(_request(buyer))

    kinds = {strategy.context.customer_kind for _ in range(3)}

    assert kinds == {CustomerKind.B2B}
    assert len(calls) == 1


def test_an_anonymous_visitor_gets_the_list_price_without_a_query(shop, django_assert_num_queries):
    strategy = strategy_for(_request(AnonymousUser()))

    with django_assert_num_queries(0):
        price = strategy.price(shop.soap)

    assert price == list_price(shop.soap)
    assert (price.amount, price.compare_at, price.net) == (Decimal("11.90"), Decimal("14.90"), False)


def test_a_company_buyer_gets_the_net_price_and_the_tier_table(shop, buyer):
    strategy = strategy_for(_request(buyer))

    price = strategy.price(shop.soap, with_tiers=True)

    assert (price.amount, price.compare_at, price.net) == (Decimal("8.00"), None, True)
    assert price.tiers == ((1, Decimal("8.00")), (12, Decimal("7.00")))


def test_a_page_of_cards_is_quoted_in_one_go(shop, buyer, django_assert_num_queries):
    strategy = strategy_for(_request(buyer))
    strategy.context  # noqa: B018 - resolve the buyer first: only the quotes are counted below
    strategy.quote_page([shop.soap, shop.tea])

    with django_assert_num_queries(0):
        prices = [strategy.price(shop.soap).amount, strategy.price(shop.tea).amount]

    assert prices == [Decimal("8.00"), Decimal("6.00")]


def test_the_checkout_address_changes_only_the_delivery_country(buyer):
    strategy = strategy_for(_request(buyer))

    context = strategy.context_for(delivery_country="AT")

    assert (context.customer_kind, context.company_id, context.delivery_country) == (
        CustomerKind.B2B,
        strategy.context.company_id,
        "AT",
    )
    assert strategy.context_for() is strategy.context


def test_the_price_tag_delegates_to_the_requests_strategy(shop, buyer):
    request = _request(buyer)
    template = Template("{% load pricing_tags %}{% price_for variant as price %}{{ price.amount }} {{ price.net }}")

    rendered = template.render(Context({"request": request, "variant": shop.soap, "variants": [shop.soap]}))

    assert rendered == "8.00 True"
    assert request.strategy.price(shop.soap).amount == Decimal("8.00")
