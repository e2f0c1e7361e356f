"""Every response rendered for a signed-in company buyer is `Cache-Control: private`; anonymous catalogue stays public.

The walk covers every URL pattern of the URLconf (both languages) whose arguments can be filled
from the buyer's own data (order, address, cart line, promo code), and every page type of the tree.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from commerce.cart.lines import SESSION_KEY as CART_SESSION_KEY
from commerce.cart.models import Cart, CartLine
from commerce.cart.tests.factories import make_code, make_shop
from commerce.customers.models import Address
from commerce.orders.tests.factories import order_for
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user
from content.models import FAQPage, LandingPage, StandardPage
from content.tests.conftest import publish

pytestmark = pytest.mark.django_db

ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def cache_directives(response) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _regex_as_path(regex: str) -> str | None:
    """A regex pattern without groups or wildcards as a literal path, else None (it needs arguments)."""
    literal = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    literal = literal.replace(r"\.", ".").replace(r"\-", "-")
    return None if re.search(r"[()\[\]*+?{}|\\^$]", literal) else literal


def _route_as_path(route: str, arguments: dict[str, str]) -> str | None:
    missing = [m["name"] for m in ROUTE_ARGUMENT.finditer(route) if m["name"] not in arguments]
    if missing:
        return None
    return ROUTE_ARGUMENT.sub(lambda m: arguments[m["name"]], route)


def walk(patterns, arguments: dict[str, str], prefix: str = ""):
    """(URL, pattern name) of every pattern whose arguments are known; the rest are skipped."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            piece = pattern.language_prefix
        elif isinstance(pattern, RoutePattern):
            piece = _route_as_path(str(pattern), arguments)
        elif isinstance(pattern, RegexPattern):
            piece = _regex_as_path(pattern.regex.pattern)
        else:
            piece = None
        if piece is None:
            continue
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, arguments, prefix + piece)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + piece, entry.name


@pytest.fixture
def shop(demo_site):
    """A company buyer with a B2B price list, a cart, an address, an order, and one page of every type."""
    home = demo_site.root_page.specific
    shop = make_shop(home)
    price_list = make_price_list("Nur für A")
    add_entry(price_list, shop.soap, {1: "3.33"})
    shop.buyer = make_user("einkauf-a")
    shop.company = make_company("A GmbH", price_list=price_list, buyer=shop.buyer)
    cart = Cart.objects.create(user=shop.buyer)
    shop.line = CartLine.objects.create(
        cart=cart, variant=shop.soap, quantity=2, unit_price_at_add=shop.soap.retail_price
    )
    shop.address = Address.objects.create(
        user=shop.buyer, first_name="Anna", last_name="Berg", street="Hauptstraße 1", postal_code="10115", city="Berlin"
    )
    shop.order = order_for(shop.soap, user=shop.buyer, email=shop.buyer.email)
    shop.code = make_code()
    shop.pages = {
        "home": home,
        "category": shop.kosmetik,
        "product": shop.seife,
        "landing": publish(home, LandingPage(title="Naturkosmetik", slug="naturkosmetik")),
        "standard": publish(home, StandardPage(title="Versand", slug="versand")),
        "faq": publish(home, FAQPage(title="Fragen", slug="fragen")),
    }
    return shop


@pytest.fixture
def buyer_client(shop):
    client = Client(raise_request_exception=False)
    client.force_login(shop.buyer)
    return client


def arguments_for(shop) -> dict[str, str]:
    return {
        "public_id": str(shop.order.uuid),
        "address_id": str(shop.address.pk),
        "line_id": str(shop.line.pk),
        "code_id": str(shop.code.pk),
    }


def buyer_urls(shop) -> list[tuple[str, str]]:
    urls = []
    for language in ("de", "en"):
        with translation.override(language):
            urls += list(walk(get_resolver().url_patterns, arguments_for(shop)))
    return sorted(set(urls))


def test_the_walk_reaches_the_buyers_pages(shop):
    urls = {url for url, _name in buyer_urls(shop)}

    for expected in (
        "/search/",
        "/en/search/suggest/",
        "/cart/",
        "/checkout/review/",
        f"/account/orders/{shop.order.uuid}/",
        f"/en/payment/{shop.order.uuid}/status/",
        f"/account/addresses/{shop.address.pk}/edit/",
        "/account/login/",
        "/b2b/apply/",
        "/robots.txt",
    ):
        assert expected in urls
    assert len(urls) > 100  # the Wagtail and Django admin too


def test_every_url_pattern_answers_the_company_buyer_privately(shop, buyer_client):
    public = []
    for url, name in buyer_urls(shop):
        response = buyer_client.get(url)
        if "private" not in cache_directives(response):
            public.append((url, name, response.status_code, response.get("Cache-Control")))

    assert public == []


@pytest.mark.parametrize("page_type", ["home", "category", "product", "landing", "standard", "faq"])
def test_every_page_type_answers_the_company_buyer_privately(shop, buyer_client, page_type):
    response = buyer_client.get(shop.pages[page_type].url)

    assert response.status_code == 200
    assert {"private", "no-cache"} <= cache_directives(response)
    assert "public" not in cache_directives(response)


@pytest.mark.parametrize("url", ["/", "/en/", "/search/?q=Olivenseife", "/en/search/?q=soap"])
def test_the_buyers_home_and_search_are_private(shop, buyer_client, url):
    response = buyer_client.get(url)

    assert response.status_code == 200
    assert {"private", "no-cache"} <= cache_directives(response)
    assert "public" not in cache_directives(response)


def test_an_anonymous_session_with_a_cart_is_private(shop):
    client = Client()
    session = client.session
    session[CART_SESSION_KEY] = str(Cart.objects.create().token)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    response = client.get("/")

    assert {"private", "no-cache"} <= cache_directives(response)


@pytest.mark.parametrize("page_type", ["category", "product"])
def test_anonymous_catalogue_pages_stay_public(shop, page_type):
    url = shop.pages[page_type].url
    first = Client().get(url)
    second = Client().get(url)

    assert "public" in cache_directives(first) and "s-maxage" in cache_directives(first)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first["Cache-Control"] == second["Cache-Control"]


def test_anonymous_suggestions_stay_public(shop):
    response = Client().get("/search/suggest/", {"q": "Oliven"})

    assert "public" in cache_directives(response)


def test_a_private_response_keeps_its_own_header(shop, buyer_client):
    response = buyer_client.get("/cart/")

    assert {"private", "no-store"} <= cache_directives(response)
