"""HTTP caching: public headers and no cookies for anonymous visitors, the server-side HTML cache, purges."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from catalog.tests.factories import make_category, make_product, variant


@pytest.fixture
def tee(home_de):
    return make_category(home_de, "Tee")


@pytest.fixture
def chai(tee):
    return make_product(tee, "Chai", variants=[variant("12.00", sku="CHAI-1")])


def test_anonymous_catalogue_pages_are_publicly_cacheable(client, tee, chai):
    for url in ("/tee/", "/tee/chai/"):
        response = client.get(url)

        assert response["Cache-Control"] == "public, max-age=0, s-maxage=600, stale-while-revalidate=60"


def test_anonymous_catalogue_pages_set_no_cookies(client, tee, chai):
    for url in ("/tee/", "/tee/chai/", "/tee/?sort=name"):
        response = client.get(url)

        assert response.cookies == {}
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_signed_in_visitors_get_private_pages(client, admin_user, chai):
    client.force_login(admin_user)

    response = client.get("/tee/chai/")

    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in response


def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(client, chai):
    first = client.get("/tee/chai/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/tee/chai/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert len(queries) == 0
    assert second.content == first.content.replace(
        first.wsgi_request.csp_nonce.encode(), second.wsgi_request.csp_nonce.encode()
    )


def test_the_cached_copy_carries_the_current_requests_csp_nonce(client, chai):
    client.get("/tee/chai/")

    second = client.get("/tee/chai/")

    assert f'nonce="{second.wsgi_request.csp_nonce}"' in second.content.decode()


def test_the_cache_is_per_query_string(client, chai, tee):
    client.get("/tee/")

    assert client.get("/tee/?sort=name")["X-Page-Cache"] == "miss"


def test_a_signed_in_visitor_is_never_served_the_anonymous_copy(client, admin_user, chai):
    client.get("/tee/chai/")
    client.force_login(admin_user)

    assert "X-Page-Cache" not in client.get("/tee/chai/")


def test_publishing_a_product_purges_its_page_and_its_categories(client, home_de, tee, chai):
    client.get("/tee/chai/")
    client.get("/tee/")
    chai.title = "Masala Chai"
    chai.save_revision().publish()

    product, category = client.get("/tee/chai/"), client.get("/tee/")

    assert (product["X-Page-Cache"], category["X-Page-Cache"]) == ("miss", "miss")
    assert "Masala Chai" in product.content.decode()
    assert "Masala Chai" in category.content.decode()


def test_a_new_product_appears_in_a_cached_category_at_once(client, tee, chai):
    client.get("/tee/")

    make_product(tee, "Rooibos")

    assert "Rooibos" in client.get("/tee/").content.decode()


def test_unpublishing_purges_the_page(client, chai):
    client.get("/tee/chai/")

    chai.unpublish()

    assert client.get("/tee/chai/").status_code == 404


def test_a_new_view_restriction_purges_everything_and_is_enforced(client, tee, chai):
    client.get("/tee/chai/")

    PageViewRestriction.objects.create(page=tee, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/tee/chai/")
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/") or "login" in response["Location"]


def test_previews_are_never_cached(client, admin_user, chai):
    from catalog.tests.test_admin import product_form_data

    client.force_login(admin_user)
    preview_url = f"/admin/pages/{chai.pk}/edit/preview/"
    existing = chai.variants.get()
    data = product_form_data(
        title="Vorschau-Chai",
        slug="chai",
        variants=[{"sku": "CHAI-1", "retail_price": "12.00", "id": existing.pk}],
        initial_variants=1,
    )
    assert client.post(preview_url, data).json()["is_valid"] is True

    response = client.get(preview_url + "?mode=")
    client.logout()

    assert "Vorschau-Chai" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    assert "Vorschau-Chai" not in client.get("/tee/chai/").content.decode()


@pytest.mark.parametrize(("benchmark_endpoints", "expected"), [(False, "hit"), (True, None)])
def test_the_benchmark_bypass_header_works_only_on_the_benchmark_server(
    client, chai, settings, benchmark_endpoints, expected
):
    settings.BENCHMARK_ENDPOINTS = benchmark_endpoints
    client.get("/tee/chai/")

    response = client.get("/tee/chai/", headers={"X-Bench-Page-Cache": "bypass"})

    assert response.status_code == 200
    assert response.get("X-Page-Cache") == expected
