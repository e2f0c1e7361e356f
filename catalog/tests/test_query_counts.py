"""Query counts of the uncached category and product pages do not grow with the catalogue.

Each page is requested once (creating the image renditions), the HTML cache is purged, and the
second request is measured. The same numbers hold at both catalogue sizes. One test per size
measures all three pages, so each catalogue is built once.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.tests.factories import build_catalog
from content.page_cache import purge_site

# Targets: at most 15 (category) and 12 (product). Per request: site, active locale, home
# page (Wagtail routing), the page head (breadcrumbs + translations, one query); shop settings come
# from the cache; the rest is the page's own data (facets, grid, cards, renditions / variants, gallery).
CATEGORY_PAGE_QUERIES = 15
# One more: the selected attribute group is counted apart from the others (OR within a group).
CATEGORY_PAGE_FILTERED_QUERIES = 16
PRODUCT_PAGE_QUERIES = 12


def uncached_queries(client, url):
    client.get(url)
    purge_site()  # the HTML cache is emptied; Wagtail's own caches (site root paths) stay warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


@pytest.mark.slow
@pytest.mark.parametrize("size", [30, 120])
def test_page_query_counts_do_not_grow_with_the_catalogue(client, home_de, size):
    catalog = build_catalog(home_de, size)
    product = catalog.products[5]
    product.related_products = catalog.products[:8]
    product.save_revision().publish()
    filtered = (
        f"{catalog.root.url}?brand={catalog.brands[0].pk}&brand={catalog.brands[1].pk}"
        f"&cert={catalog.certifications[0].pk}&attr={catalog.attributes[0].pk}&price=0-10&price=10-25&sort=price_asc"
    )
    assert "Produkt 0000" in client.get(filtered).content.decode()  # a non-empty result at both sizes

    measured = {
        "category": uncached_queries(client, catalog.root.url),
        "category page 2": uncached_queries(client, catalog.root.url + "?page=2"),
        "filtered category": uncached_queries(client, filtered),
        "product": uncached_queries(client, product.url),
    }

    assert measured == {
        "category": CATEGORY_PAGE_QUERIES,
        "category page 2": CATEGORY_PAGE_QUERIES,
        "filtered category": CATEGORY_PAGE_FILTERED_QUERIES,
        "product": PRODUCT_PAGE_QUERIES,
    }


# The company buyer's page is private (never in the HTML cache): its prices come from one quote_many for all cards.
B2B_CATEGORY_PAGE_QUERIES = 16  # facet counts from the shared cache (warmed by the first request)


@pytest.mark.slow
@pytest.mark.parametrize("size", [6, 24])
def test_a_company_buyers_category_page_does_not_price_card_by_card(client, home_de, size):
    from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user

    catalog = build_catalog(home_de, size)
    price_list = make_price_list("Fachhandel")
    for product in catalog.products[:3]:
        add_entry(price_list, product.variants.first(), {1: "1.11", 12: "1.01"})
    buyer = make_user("einkauf")
    make_company("Bioladen GmbH", price_list=price_list, buyer=buyer)
    client.force_login(buyer)
    client.get(catalog.root.url)  # renditions, site caches

    with CaptureQueriesContext(connection) as queries:
        response = client.get(catalog.root.url)

    assert response.status_code == 200
    assert "1,11" in response.content.decode()  # the company's net price is on the cards
    assert len(queries) == B2B_CATEGORY_PAGE_QUERIES
