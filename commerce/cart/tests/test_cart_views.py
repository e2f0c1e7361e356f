"""Cart HTTP: add-to-cart without a token but same-origin only, cookie-free browsing, mini-cart."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from commerce.cart.models import Cart, CartLine
from commerce.pricing.tests.factories import make_user

from .factories import SAME_ORIGIN, cart_with


def test_add_to_cart_redirects_back_with_a_message(client, shop):
    response = client.post(
        "/cart/add/", {"variant": shop.soap.pk, "quantity": "2"}, HTTP_REFERER="http://testserver/kosmetik/seife/"
    )

    assert response.status_code == 302
    assert response["Location"] == "http://testserver/kosmetik/seife/"
    assert list(CartLine.objects.values_list("variant_id", "quantity")) == [(shop.soap.pk, 2)]
    page = client.get("/cart/")
    assert "Olivenseife wurde in den Warenkorb gelegt." in page.content.decode()


def test_add_to_cart_answers_json_for_scripts(client, shop):
    response = client.post(
        "/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, HTTP_ACCEPT="application/json", **SAME_ORIGIN
    )

    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["ok"] is True
    assert 'class="mini-cart__count">1<' in data["mini_cart"]


def test_refused_add_answers_json_with_the_message_and_creates_no_cart(client, shop):
    response = client.post(
        "/cart/add/", {"variant": shop.soap.pk, "quantity": "abc"}, HTTP_ACCEPT="application/json", **SAME_ORIGIN
    )

    assert response.status_code == 400
    assert json.loads(response.content)["message"] == "Bitte geben Sie die Menge als ganze Zahl ein."
    assert not Cart.objects.exists()
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
)
def test_cross_site_add_to_cart_is_rejected(client, shop, headers):
    response = client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **headers)

    assert response.status_code == 403
    assert not CartLine.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/x/"},
    ],
)
def test_same_origin_add_to_cart_needs_no_csrf_token(shop, headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **headers)

    assert response.status_code == 302
    assert CartLine.objects.count() == 1


def test_other_cart_forms_still_need_the_csrf_token(shop):
    client = Client(enforce_csrf_checks=True)
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **SAME_ORIGIN)
    line = CartLine.objects.get()

    response = client.post(f"/cart/line/{line.pk}/remove/", **SAME_ORIGIN)

    assert response.status_code == 403
    assert CartLine.objects.filter(pk=line.pk).exists()


def test_looking_sets_no_cookie(client, shop):
    for url in ["/cart/", "/cart/mini/", "/en/cart/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
    assert not Cart.objects.exists()


def test_mini_cart_is_private_and_shows_the_count(client, shop):
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "3"}, **SAME_ORIGIN)

    response = client.get("/cart/mini/")

    assert response["Cache-Control"] == "private, no-store"
    assert 'class="mini-cart__count">3<' in response.content.decode()


def test_cart_page_is_not_cacheable(client, shop):
    response = client.get("/cart/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_update_and_remove_through_the_cart_page(client, shop):
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **SAME_ORIGIN)
    line = CartLine.objects.get()

    client.post(f"/cart/line/{line.pk}/", {"quantity": "4"})
    assert CartLine.objects.get().quantity == 4
    client.post(f"/cart/line/{line.pk}/", {"quantity": "0"})
    assert CartLine.objects.get().quantity == 4
    client.post(f"/cart/line/{line.pk}/remove/")
    assert not CartLine.objects.exists()


def test_another_carts_line_id_is_refused_over_http(client, shop):
    theirs = cart_with((shop.tea, 3))
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **SAME_ORIGIN)

    client.post(f"/cart/line/{theirs.lines.get().pk}/remove/")
    response = client.get("/cart/")

    assert theirs.lines.get().quantity == 3
    assert "Dieser Artikel ist nicht in Ihrem Warenkorb." in response.content.decode()


def test_posted_cart_token_is_ignored(client, shop):
    theirs = cart_with((shop.tea, 3))

    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1", "cart": str(theirs.token)}, **SAME_ORIGIN)

    assert list(theirs.lines.values_list("variant_id", "quantity")) == [(shop.tea.pk, 3)]
    assert Cart.objects.count() == 2


def test_login_merges_the_session_cart_into_the_customers_cart(client, shop):
    user = make_user("erika")
    cart_with((shop.soap, 2), user=user)
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "1"}, **SAME_ORIGIN)
    client.post("/cart/add/", {"variant": shop.tea.pk, "quantity": "1"}, **SAME_ORIGIN)

    client.force_login(user)  # fires user_logged_in → cart.receivers → cart merge

    cart = Cart.objects.get()
    assert cart.user == user
    assert sorted(cart.lines.values_list("variant_id", "quantity")) == sorted([(shop.soap.pk, 3), (shop.tea.pk, 1)])


def test_login_hands_the_session_cart_to_a_customer_without_one(client, shop):
    user = make_user("erika")
    client.post("/cart/add/", {"variant": shop.soap.pk, "quantity": "2"}, **SAME_ORIGIN)

    client.force_login(user)

    assert Cart.objects.get().user == user


def test_catalogue_pages_stay_cookie_free(client, shop):
    response = client.get("/")

    assert response.status_code == 200
    assert not response.cookies


def test_htmx_add_answers_the_mini_cart_fragment(client, shop):
    response = client.post(
        "/cart/add/", {"variant": shop.soap.pk, "quantity": "2"}, HTTP_HX_REQUEST="true", **SAME_ORIGIN
    )

    html = response.content.decode()
    assert 'class="mini-cart__count">2<' in html
    assert "Olivenseife wurde in den Warenkorb gelegt." in html
