"""Address book and account page over HTTP, including other customers' ids (IDOR)."""

import re

import pytest

from commerce.customers import services
from commerce.customers.models import Address

from .test_address_services import address_data

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "both",
    "first_name": "Anna",
    "last_name": "Grün",
    "street": "Lindenstraße 12",
    "address_extra": "",
    "postal_code": "10115",
    "city": "Berlin",
    "country": "DE",
    "phone": "",
    "company": "",
}


@pytest.fixture
def stranger(make_shopper):
    return make_shopper(email="ben@example.com")


@pytest.fixture
def strangers_address(stranger):
    return services.create_address(stranger, **address_data(city="Köln", postal_code="50667"))


def test_dashboard_shows_email_default_addresses_and_orders_placeholder(shopper_client, shopper):
    services.create_address(shopper, **address_data())

    response = shopper_client.get("/account/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "anna@example.com" in body
    assert "Lindenstraße 12" in body
    assert "Hier erscheinen Ihre Bestellungen." in body
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_dashboard_query_count_is_fixed(shopper_client, shopper, django_assert_num_queries):
    for n in range(3):
        services.create_address(shopper, **address_data(city=f"Ort {n}"))
    shopper_client.get("/account/")  # warm up wagtail site settings and the like

    # session, user, defaults (one query for both kinds), recent orders (own + company, one query),
    # plus the site for the header/footer (its shop settings come from the cache)
    with django_assert_num_queries(5):
        shopper_client.get("/account/")


def test_address_list_query_count_does_not_grow_with_addresses(shopper_client, shopper, django_assert_num_queries):
    for n in range(5):
        services.create_address(shopper, **address_data(city=f"Ort {n}"))
    shopper_client.get("/account/addresses/")

    # session, user, addresses, plus the site for the header/footer (shop settings: cached)
    with django_assert_num_queries(4):
        response = shopper_client.get("/account/addresses/")

    assert response.content.decode().count('class="address-card"') == 5


def test_create_address(shopper_client, shopper):
    response = shopper_client.post("/account/addresses/new/", FORM)

    assert response.status_code == 302
    assert response["Location"] == "/account/addresses/"
    address = Address.objects.get(user=shopper)
    assert (address.street, address.postal_code, address.is_default_shipping) == ("Lindenstraße 12", "10115", True)


def test_create_address_with_bad_postal_code_shows_the_error_and_saves_nothing(shopper_client):
    response = shopper_client.post("/account/addresses/new/", {**FORM, "country": "NL", "postal_code": "10115"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_postal_code_error"' in body
    assert "1011 AB" in body  # the example of the expected format
    assert Address.objects.count() == 0


def test_update_address(shopper_client, shopper):
    address = services.create_address(shopper, **address_data())

    response = shopper_client.post(f"/account/addresses/{address.pk}/edit/", {**FORM, "city": "Potsdam"})

    assert response.status_code == 302
    address.refresh_from_db()
    assert address.city == "Potsdam"


def test_delete_address(shopper_client, shopper):
    address = services.create_address(shopper, **address_data())

    response = shopper_client.post(f"/account/addresses/{address.pk}/delete/")

    assert response.status_code == 302
    assert Address.objects.filter(pk=address.pk).exists() is False


def test_set_default_address(shopper_client, shopper):
    services.create_address(shopper, **address_data())
    cologne = services.create_address(shopper, **address_data(city="Köln", postal_code="50667"))

    response = shopper_client.post(f"/account/addresses/{cologne.pk}/default/shipping/")

    assert response.status_code == 302
    cologne.refresh_from_db()
    assert cologne.is_default_shipping is True
    assert Address.objects.filter(user=shopper, is_default_shipping=True).count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/account/addresses/{pk}/edit/"),
        ("post", "/account/addresses/{pk}/edit/"),
        ("get", "/account/addresses/{pk}/delete/"),
        ("post", "/account/addresses/{pk}/delete/"),
        ("post", "/account/addresses/{pk}/default/shipping/"),
        ("post", "/account/addresses/{pk}/default/billing/"),
    ],
)
def test_another_customers_address_is_not_found_and_unchanged(shopper_client, strangers_address, method, path):
    before = Address.objects.values().get(pk=strangers_address.pk)

    response = getattr(shopper_client, method)(path.format(pk=strangers_address.pk), {**FORM, "city": "Hamburg"})

    assert response.status_code == 404
    assert "Köln" not in response.content.decode()
    assert Address.objects.values().get(pk=strangers_address.pk) == before


def test_another_customers_address_is_not_listed(shopper_client, strangers_address):
    response = shopper_client.get("/account/addresses/")

    assert "Köln" not in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/account/", "/account/addresses/", "/account/addresses/new/", "/account/addresses/1/edit/"]
)
def test_anonymous_visitors_are_sent_to_login(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={path}"


def test_anonymous_post_changes_nothing(client, strangers_address):
    response = client.post(f"/account/addresses/{strangers_address.pk}/delete/")

    assert response.status_code == 302
    assert Address.objects.filter(pk=strangers_address.pk).exists() is True


def test_account_pages_contain_no_inline_script_or_style(shopper_client, shopper):
    services.create_address(shopper, **address_data())

    for path in ("/account/", "/account/addresses/", "/account/addresses/new/", "/account/login/"):
        body = shopper_client.get(path).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)", body) is None, path
        assert "style=" not in body, path
        assert "<style" not in body, path


@pytest.mark.parametrize("path", ["/account/password/change/", "/account/email/"])
def test_allauth_pages_we_did_not_restyle_use_the_shop_layout(shopper_client, path):
    response = shopper_client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in body
    assert "css/account.css" in body
    assert "style=" not in body
    assert "no-store" in response["Cache-Control"]
