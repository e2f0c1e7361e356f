import xml.etree.ElementTree as ET

import pytest

from content.models import ShopSettings, StandardPage
from content.tests.conftest import publish, translate

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {url.find("s:loc", NS).text: url.find("s:lastmod", NS).text for url in root.findall("s:url", NS)}


@pytest.fixture
def shipping(home, en_home):
    page = publish(home, StandardPage(title="Versand", slug="versand"))
    translate(page, title="Shipping", slug="shipping")
    return page


def test_sitemap_lists_every_live_page_in_every_language_with_lastmod(client, shipping):
    entries = sitemap_entries(client)

    assert set(entries) == {
        "http://localhost/",
        "http://localhost/versand/",
        "http://localhost/en/",
        "http://localhost/en/shipping/",
    }
    assert all(lastmod and len(lastmod) >= 10 for lastmod in entries.values())


def test_sitemap_leaves_out_noindex_and_draft_pages(client, home):
    publish(home, StandardPage(title="Danke", slug="danke", noindex=True))
    draft = publish(home, StandardPage(title="Entwurf", slug="entwurf"))
    draft.unpublish()

    entries = sitemap_entries(client)

    assert "http://localhost/danke/" not in entries
    assert "http://localhost/entwurf/" not in entries


def test_robots_txt_default_disallows_private_paths_and_names_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert body.startswith("User-agent: *\nAllow: /\n")
    for path in ("/admin/", "/search/", "/en/search/", "/cart/", "/checkout/"):
        assert f"Disallow: {path}\n" in body
    assert body.endswith("Sitemap: http://localhost/sitemap.xml\n")


def test_robots_txt_is_editable_in_the_shop_settings(client, demo_site):
    shop = ShopSettings.for_site(demo_site)
    shop.robots_txt = "User-agent: *\nDisallow: /\nSitemap: https://naturwest.example/sitemap.xml\n"
    shop.save()

    assert client.get("/robots.txt").content.decode() == shop.robots_txt


def test_slug_change_redirects_the_old_url_permanently(client, home, django_capture_on_commit_callbacks):
    page = publish(home, StandardPage(title="Versand", slug="versand"))

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail sends page_slug_changed on commit
        page.slug = "versand-und-zahlung"
        page.save_revision().publish()

    response = client.get("/versand/")
    assert response.status_code == 301
    assert response["Location"] == "/versand-und-zahlung/"
    assert client.get(response["Location"]).status_code == 200
