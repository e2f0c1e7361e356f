"""No leaks, per surface: a company's price (soap at 3.33 net) reaches that company's buyer and nobody else.

Surfaces: the server-side HTML cache of product and category pages (warmed in either order),
JSON-LD, sitemap.xml, search results and suggestions, another session's mini-cart, and the order
confirmation email of a B2C customer. A REST API or assistant surface adds its own test here.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client

from commerce.cart.tests.factories import SAME_ORIGIN, make_shop
from commerce.checkout.tests.flow import add, place, to_review
from commerce.orders.models import Order
from commerce.pricing.models import TierPrice

from .factories import add_entry, make_company, make_price_list, make_user

pytestmark = pytest.mark.django_db

# The company's price in every shape it could take in a response: German and English
# formatting, net and with 19 % VAT (3.33 + 0.63 = 3.96).
SECRET_MARKS = ("3,33", "3.33", "3,96", "3.96")


@pytest.fixture
def store(demo_site):
    """Kosmetik > Olivenseife (11.90 gross retail, 10.00 net); company A buys it at 3.33 net."""
    store = make_shop(demo_site.root_page.specific)
    secret = make_price_list("Nur für A")
    add_entry(secret, store.soap, {1: "3.33"})
    store.buyer = make_user("einkauf-a")
    store.company = make_company("A GmbH", price_list=secret, buyer=store.buyer)
    return store


@pytest.fixture
def buyer_client(store):
    client = Client()
    client.force_login(store.buyer)
    return client


def leaks(html: str) -> list[str]:
    return [mark for mark in SECRET_MARKS if mark in html]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, response.content.decode()


def page_urls(store):
    return {"product": store.seife.url, "category": store.kosmetik.url}


@pytest.mark.parametrize("page", ["product", "category"])
def test_page_rendered_for_the_buyer_first_is_not_cached_for_anonymous(store, buyer_client, page):
    url = page_urls(store)[page]
    buyer_response, buyer_html = get(buyer_client, url)
    assert "3,33" in buyer_html
    assert "private" in buyer_response["Cache-Control"]

    first, first_html = get(Client(), url)
    second, second_html = get(Client(), url)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert leaks(first_html) == leaks(second_html) == []
    assert "11,90" in second_html


@pytest.mark.parametrize("page", ["product", "category"])
def test_page_cached_anonymously_is_not_served_to_the_buyer(store, buyer_client, page):
    url = page_urls(store)[page]
    get(Client(), url)
    assert get(Client(), url)[0]["X-Page-Cache"] == "hit"

    buyer_response, buyer_html = get(buyer_client, url)
    assert "X-Page-Cache" not in buyer_response
    assert "3,33" in buyer_html
    assert "11,90" not in buyer_html

    # and the buyer's visit changed nothing for everybody else
    anonymous_response, anonymous_html = get(Client(), url)
    assert anonymous_response["X-Page-Cache"] == "hit"
    assert leaks(anonymous_html) == []


def test_buyer_sees_net_tier_prices_on_the_product_page(store, buyer_client):
    TierPrice.objects.create(entry=store.soap.price_list_entries.get(), min_quantity=12, unit_net="2.22")

    _response, html = get(buyer_client, store.seife.url)

    main = html.split("<main", 1)[1]
    assert re.search(r"<strong>3,33\s€</strong>", main)
    assert "2,22" in main
    assert "zzgl. MwSt." in main
    assert "inkl. MwSt." not in main


def _offers(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    [product] = [data for data in map(json.loads, blocks) if data["@type"] == "Product"]
    offers = product["offers"]
    return offers.get("offers", [offers])


@pytest.mark.parametrize("who", ["anonymous", "buyer"])
def test_json_ld_offers_carry_the_retail_price_for_everyone(store, buyer_client, who):
    client = buyer_client if who == "buyer" else Client()

    _response, html = get(client, store.seife.url)

    assert [offer["price"] for offer in _offers(html)] == ["11.90"]


@pytest.mark.parametrize("who", ["anonymous", "buyer"])
def test_sitemap_carries_no_company_price(store, buyer_client, who):
    client = buyer_client if who == "buyer" else Client()

    _response, xml = get(client, "/sitemap.xml")

    assert store.seife.slug in xml
    assert leaks(xml) == []


def test_search_results_and_suggestions_carry_no_company_price(store, buyer_client):
    get(buyer_client, store.seife.url)  # the buyer was here first

    _results, results_html = get(Client(), "/search/?q=Olivenseife")
    suggest, _body = get(Client(), "/search/suggest/?q=Oliven")

    assert store.seife.url in results_html
    assert [r["title"] for r in suggest.json()["results"]] == ["Olivenseife"]
    assert leaks(results_html) == []
    assert leaks(json.dumps(suggest.json())) == []


def test_mini_cart_of_another_session_carries_retail_only(store, buyer_client):
    """Mini-cart totals include the 4.90 flat shipping: buyer 3.33 + 0.63 VAT + 4.90, shopper 11.90 + 4.90."""
    add(buyer_client, store.soap, 1)
    _buyer_mini, buyer_mini_html = get(buyer_client, "/cart/mini/")
    assert "8,86" in buyer_mini_html

    shopper = Client()
    assert shopper.post("/cart/add/", {"variant": store.soap.pk, "quantity": "1"}, **SAME_ORIGIN).status_code == 302
    mini, mini_html = get(shopper, "/cart/mini/")

    assert "no-store" in mini["Cache-Control"]
    assert "16,80" in mini_html
    assert leaks(mini_html) == []
    assert "8,86" not in mini_html


def test_order_confirmation_email_of_a_b2c_customer_carries_retail_only(
    store, buyer_client, django_capture_on_commit_callbacks
):
    add(buyer_client, store.soap, 1)  # the company's buyer shops at the same time
    shopper = Client()
    add(shopper, store.soap, 1)
    _review, token = to_review(shopper, email="erika@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        place(shopper, token)  # the checkout sends the confirmation
    order = Order.objects.get(email="erika@example.com")

    sent = [message for message in mail.outbox if message.to == ["erika@example.com"]]
    assert sent
    for message in sent:
        bodies = [message.body, *(content for content, _mimetype in message.alternatives)]
        assert all("11,90" in body or "11.90" in body for body in bodies)
        assert [leaks(body) for body in bodies] == [[] for _body in bodies]
    assert order.lines.get().unit_gross == store.soap.retail_price
