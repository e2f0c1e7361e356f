"""Query counts of the editorial pages are pinned: the frame (navigation, settings) must stay cheap."""

import pytest

from catalog.models import CategoryPage, ProductPage
from content.models import FooterLink, HeaderLink, LandingPage, NavigationSettings, StandardPage
from content.page_cache import purge_paths
from content.tests.conftest import make_product, publish


@pytest.fixture
def seeded(demo_site, home):
    category = publish(home, CategoryPage(title="Tee", slug="tee"))
    products = [make_product(category, f"Tee {number}", price=f"{3 + number}.50") for number in range(6)]
    shipping = publish(home, StandardPage(title="Versand", slug="versand"))
    navigation = NavigationSettings.for_site(demo_site)
    navigation.header_links = [HeaderLink(link_page=category), HeaderLink(link_page=shipping)]
    navigation.footer_links = [FooterLink(link_page=shipping)]
    navigation.save()
    home.body = [
        ("hero", {"heading": "Naturwest", "text": "Ehrlich.", "cta_label": "Zum Tee", "cta_page": category}),
        ("category_teaser_grid", {"heading": "Sortiment", "categories": [category]}),
        ("product_list", {"heading": "Neu", "category": category, "sort": "newest", "limit": 4}),
        ("text", "<p>Willkommen</p>"),
    ]
    home.save_revision().publish()
    landing = publish(
        home,
        LandingPage(
            title="Bio-Tee",
            slug="bio-tee",
            body=[
                ("product_teaser", {"heading": "Tipps", "products": products[:3]}),
                ("product_list", {"heading": "Alle", "category": category, "sort": "price_asc", "limit": 8}),
                ("faq", {"heading": "FAQ", "items": [{"question": "Bio?", "answer": "<p>Ja</p>"}]}),
                ("cta_banner", {"heading": "Los", "button_label": "Tee", "button_page": category}),
            ],
        ),
    )
    return landing


def warm(client, url):
    assert client.get(url).status_code == 200  # fills the navigation and site caches


def test_home_page_query_count(client, seeded, django_assert_num_queries):
    """The render behind the HTML cache (a hit makes no query at all)."""
    warm(client, "/")
    purge_paths(["/"])

    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/")["X-Page-Cache"] == "miss"


def pick_teaser_products(landing, count):
    """The landing page's product teaser shows the first `count` products."""
    products = list(ProductPage.objects.live().order_by("path")[:count])
    landing.body[0] = ("product_teaser", {"heading": "Tipps", "products": products})
    landing.save_revision().publish()


@pytest.mark.parametrize("teaser_products", [1, 5])
def test_landing_page_query_count(client, seeded, teaser_products, django_assert_num_queries):
    """Constant in the number of hand-picked products: their cards are attached in bulk."""
    pick_teaser_products(seeded, teaser_products)
    warm(client, "/bio-tee/")

    with django_assert_num_queries(LANDING_QUERIES):
        client.get("/bio-tee/")


# Includes the product cards (catalog.listing.attach_cards, one batch per block) and the header;
# home checked constant at 3, 6 and 10 products, landing at 1 and 5 hand-picked ones.
HOME_QUERIES = 10
LANDING_QUERIES = 16
