"""The HTML cache serves the home page like the catalogue: anonymous only, purged by what it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import CategoryPage
from catalog.tests.factories import build_catalog
from commerce.cart.lines import SESSION_KEY as CART_SESSION_KEY
from content.models import HeaderLink, NavigationSettings, StandardPage
from content.tests.conftest import make_product, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(demo_site):
    from content.models import HomePage

    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def shown(home):
    """A home page with a hand-picked teaser and a list of the newest teas."""
    tea = publish(home, CategoryPage(title="Tee", slug="tee"))
    picked = make_product(tea, "Chai")
    home.body = [
        ("product_teaser", {"heading": "Lieblinge", "products": [picked]}),
        ("product_list", {"heading": "Neu", "category": tea, "sort": "newest", "limit": 4}),
    ]
    home.save_revision().publish()
    return tea, picked


def test_the_second_anonymous_request_of_the_home_page_is_a_hit_without_queries(client, shown):
    first = client.get("/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert len(queries) == 0
    assert second["Cache-Control"] == "public, max-age=0, s-maxage=600, stale-while-revalidate=60"
    assert "Chai" in second.content.decode()


def test_publishing_a_product_the_home_page_shows_purges_it(client, shown):
    _tea, picked = shown
    client.get("/")

    picked.title = "Masala Chai"
    picked.save_revision().publish()

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Masala Chai" in response.content.decode()


def test_a_new_product_a_list_rule_picks_appears_on_the_cached_home_page(client, shown):
    tea, _picked = shown
    client.get("/")

    make_product(tea, "Rooibos")

    assert "Rooibos" in client.get("/").content.decode()


def test_a_navigation_change_purges_the_home_page(client, demo_site, home, shown, django_capture_on_commit_callbacks):
    client.get("/")
    imprint = publish(home, StandardPage(title="Impressum", slug="impressum"))
    client.get("/")

    navigation = NavigationSettings.for_site(demo_site)
    navigation.header_links = [HeaderLink(link_page=imprint, label="Über uns")]
    with django_capture_on_commit_callbacks(execute=True):
        navigation.save()

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Über uns" in response.content.decode()


def test_signed_in_visitors_are_neither_served_nor_stored(client, admin_user, shown):
    client.get("/")
    client.force_login(admin_user)

    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_cart_holders_are_neither_served_nor_stored(client, shown):
    client.get("/")
    session = client.session
    session[CART_SESSION_KEY] = "3f0c1a52-0000-4000-8000-000000000000"
    session.save()

    first, second = client.get("/"), client.get("/")

    assert ("X-Page-Cache" in first, "X-Page-Cache" in second) == (False, False)
    assert "private" in second["Cache-Control"]


def test_a_home_page_preview_is_never_cached(client, admin_user, home, shown):
    client.get("/")
    client.force_login(admin_user)
    preview_url = f"/admin/pages/{home.pk}/edit/preview/"
    data = {"title": "Vorschau-Startseite", "slug": home.slug, "body-count": "0"}
    assert client.post(preview_url, data).json()["is_valid"] is True

    response = client.get(preview_url + "?mode=")
    client.logout()

    assert "Vorschau-Startseite" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    assert "Vorschau-Startseite" not in client.get("/").content.decode()


def cached_path_queries(client, urls: list[str]) -> dict[str, int]:
    """Queries of an anonymous cache hit per URL (each URL rendered once first)."""
    measured = {}
    for url in urls:
        assert client.get(url)["X-Page-Cache"] in ("miss", "hit")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        measured[url] = len(queries)
    return measured


@pytest.mark.slow
@pytest.mark.parametrize("size", [10, 90])
def test_the_cached_path_makes_no_query_whatever_the_catalogue_size(client, home, size):
    catalog = build_catalog(home, size)
    home.body = [("product_list", {"heading": "Neu", "category": catalog.root, "sort": "newest", "limit": 8})]
    home.save_revision().publish()
    urls = ["/", "/en/", catalog.root.url, f"{catalog.root.url}?sort=name", catalog.products[3].url]

    measured = cached_path_queries(client, urls)

    assert measured == dict.fromkeys(urls, 0)
