"""The frame of every storefront page: legal links in the footer, the category menu in the header."""

import re

import pytest
from django.core.cache import cache

from commerce.cart.tests.factories import SAME_ORIGIN
from content.models import FooterLink, HeaderLink, NavigationSettings, StandardPage
from content.tests.conftest import LEGAL_PATHS, build_framed_shop, publish
from demo.content import seed_navigation


@pytest.fixture
def shop(home, en_home):
    return build_framed_shop(home)


def footer_hrefs(html: str) -> list[str]:
    footer = html[html.index("<footer") :]
    return re.findall(r'href="([^"]+)"', footer)


def header_html(html: str) -> str:
    return html[html.index('id="site-nav"') : html.index("</header>")]


PAGE_URLS = {
    "home": ("/", "/en/"),
    "landing": ("/bio-tee/", "/en/organic-tea/"),
    "standard": ("/agb/", "/en/terms/"),
    "faq": ("/haeufige-fragen/", "/en/faq/"),
    "category": ("/tee/", "/en/tea/"),
    "product": ("/tee/kraeutertee/pfefferminztee/", "/en/tea/herbal-tea/peppermint-tea/"),
    "cart": ("/cart/", "/en/cart/"),
    "checkout": ("/checkout/address/", "/en/checkout/address/"),
    "account login": ("/account/login/", "/en/account/login/"),
    "search": ("/search/?q=tee", "/en/search/?q=tea"),
    "404": ("/gibt-es-nicht/", "/en/does-not-exist/"),
}
STATUS = {"404": 404}


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("page_type", list(PAGE_URLS))
def test_every_page_links_the_legal_pages_in_its_language(client, shop, page_type, language):
    if page_type == "checkout":  # the checkout needs something in the cart
        variant = shop.product.variants.first()
        client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"}, **SAME_ORIGIN)
    url = PAGE_URLS[page_type][0 if language == "de" else 1]

    response = client.get(url)

    assert response.status_code == STATUS.get(page_type, 200)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    hrefs = footer_hrefs(html)
    assert [href for href in hrefs if href in LEGAL_PATHS[language]] == LEGAL_PATHS[language]
    other = "en" if language == "de" else "de"
    assert not set(hrefs) & set(LEGAL_PATHS[other])


def test_footer_labels_are_the_page_titles_in_the_visitor_language(client, shop):
    de = client.get("/").content.decode()
    en = client.get("/en/").content.decode()

    assert '<a href="/impressum/">Impressum</a>' in de
    assert '<a href="/en/imprint/">Imprint</a>' in en
    assert '<a href="/en/cancellation-policy/">Right of withdrawal</a>' in en


def test_footer_address_shows_the_seller(client, demo_site, settings):
    settings.SHOP_LEGAL_NAME = "Naturwest GmbH"
    settings.SHOP_ADDRESS = ["Naturweg 1", "10115 Berlin"]
    settings.SHOP_EMAIL = "shop@naturwest.example"

    html = client.get("/").content.decode()

    address = html[html.index("<address>") : html.index("</address>")]
    assert "Naturwest GmbH<br>" in address
    assert "Naturweg 1<br>" in address and "10115 Berlin<br>" in address
    assert '<a href="mailto:shop@naturwest.example">shop@naturwest.example</a>' in address


def test_footer_has_no_empty_address(client, demo_site, settings):
    settings.SHOP_LEGAL_NAME, settings.SHOP_ADDRESS, settings.SHOP_EMAIL = "", [], ""

    assert "<address>" not in client.get("/").content.decode()


def test_header_lists_categories_with_their_subcategories_per_language(client, shop):
    de = header_html(client.get("/").content.decode())
    en = header_html(client.get("/en/").content.decode())

    assert re.findall(r'href="([^"]+)"', de) == [
        "#main",
        "/tee/",
        "/tee/kraeutertee/",
        "/tee/schwarztee/",
        "/naturkosmetik/",
    ]
    assert '<a href="/tee/kraeutertee/">Kräutertee</a>' in de
    assert re.findall(r'href="([^"]+)"', en) == [
        "#main",
        "/en/tea/",
        "/en/tea/herbal-tea/",
        "/en/tea/black-tea/",
        "/en/natural-cosmetics/",
    ]
    assert '<a href="/en/tea/herbal-tea/">Herbal tea</a>' in en
    assert 'aria-controls="site-nav"' in client.get("/").content.decode()


def test_without_chosen_entries_the_header_shows_the_top_level_categories(client, shop, demo_site):
    navigation = NavigationSettings.for_site(demo_site)
    navigation.header_links = []
    navigation.save()
    cache.clear()

    header = header_html(client.get("/en/").content.decode())

    assert re.findall(r'href="([^"]+)"', header) == [
        "#main",
        "/en/tea/",
        "/en/tea/herbal-tea/",
        "/en/tea/black-tea/",
        "/en/natural-cosmetics/",
    ]


def test_editors_choose_the_header_entries(client, shop, demo_site, django_capture_on_commit_callbacks):
    navigation = NavigationSettings.for_site(demo_site)
    with django_capture_on_commit_callbacks(execute=True):
        navigation.header_links = [HeaderLink(link_page=shop.cosmetics), HeaderLink(link_page=shop.herbal)]
        navigation.save()

    header = header_html(client.get("/").content.decode())

    assert re.findall(r'href="([^"]+)"', header) == ["#main", "/naturkosmetik/", "/tee/kraeutertee/"]


def test_category_page_lists_its_subcategories(client, shop):
    de = client.get("/tee/").content.decode()
    en = client.get("/en/tea/").content.decode()

    main_de = de[de.index('<main id="main"') :]
    main_en = en[en.index('<main id="main"') :]
    assert '<nav class="subcategories" aria-label="Unterkategorien von Tee">' in main_de
    assert '<a href="/tee/kraeutertee/">Kräutertee</a>' in main_de
    assert '<a href="/tee/schwarztee/">Schwarztee</a>' in main_de
    assert '<a href="/en/tea/herbal-tea/">Herbal tea</a>' in main_en
    assert 'class="subcategories"' not in client.get("/tee/kraeutertee/").content.decode()


def test_a_new_subcategory_reaches_menu_and_cached_category_page(client, shop, django_capture_on_commit_callbacks):
    from catalog.models import CategoryPage

    client.get("/tee/")  # the category page and the navigation are cached now
    with django_capture_on_commit_callbacks(execute=True):
        publish(shop.tee, CategoryPage(title="Grüner Tee", slug="gruener-tee"))

    html = client.get("/tee/").content.decode()

    assert '<a href="/tee/gruener-tee/">Grüner Tee</a>' in header_html(html)
    assert html.count('href="/tee/gruener-tee/"') == 2  # menu and subcategory list


def test_saving_the_navigation_refreshes_cached_category_pages(
    client, shop, demo_site, django_capture_on_commit_callbacks
):
    assert client.get("/tee/")["X-Page-Cache"] == "miss"
    assert client.get("/tee/")["X-Page-Cache"] == "hit"
    navigation = NavigationSettings.for_site(demo_site)

    with django_capture_on_commit_callbacks(execute=True):
        navigation.footer_links = [FooterLink(link_page=shop.legal["impressum"][0], label="Anbieterkennzeichnung")]
        navigation.save()

    response = client.get("/tee/")
    assert response["X-Page-Cache"] == "miss"
    assert '<a href="/impressum/">Anbieterkennzeichnung</a>' in response.content.decode()


def test_renaming_a_footer_page_refreshes_cached_category_pages(client, shop, django_capture_on_commit_callbacks):
    client.get("/tee/")
    imprint = shop.legal["impressum"][0]

    with django_capture_on_commit_callbacks(execute=True):
        imprint.title = "Impressum und Kontakt"
        imprint.save_revision().publish()

    assert '<a href="/impressum/">Impressum und Kontakt</a>' in client.get("/tee/").content.decode()


def test_seeding_the_navigation_keeps_what_editors_set(shop, home, demo_site):
    other = publish(home, StandardPage(title="Blog", slug="blog"))
    navigation = NavigationSettings.for_site(demo_site)
    before = (list(navigation.header_links.values_list("link_page", flat=True)),)

    seed_navigation(home, header_pages=[other], footer_pages=[other])

    assert (list(navigation.header_links.values_list("link_page", flat=True)),) == before
    assert FooterLink.objects.count() == 6 and HeaderLink.objects.count() == 2
