"""Query counts of the editorial pages are pinned: the frame (navigation, settings) must stay cheap."""

import pytest

from catalog.models import CategoryPage
from content.models import FooterLink, HeaderLink, LandingPage, NavigationSettings, StandardPage
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
    warm(client, "/")

    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")


def test_landing_page_query_count(client, seeded, django_assert_num_queries):
    warm(client, "/bio-tee/")

    with django_assert_num_queries(LANDING_QUERIES):
        client.get("/bio-tee/")


# Includes the product cards (catalog.listing.attach_cards) and the header; checked constant at 3, 6 and 10 products.
HOME_QUERIES = 14
LANDING_QUERIES = 22
