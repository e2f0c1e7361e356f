"""Storefront journeys in real Chromium: a shopper on a phone, and an editor in the Wagtail admin."""

import re

import pytest
from django.core.management import call_command

from catalog.models import CategoryPage, ProductPage
from testing.browser import assert_inset_from_the_screen_edges

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_shop(db):
    call_command("seed_demo", "--products", "12", verbosity=0)


def test_shopper_on_a_phone_goes_home_category_filter_product_and_switches_language(page, live_server, demo_shop):
    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="Tee", exact=True).first.click()
    page.wait_for_url(re.compile(r"/tee/$"))
    assert page.locator("h1").inner_text() == "Tee"
    cards_before = page.locator(".product-card").count()

    # Filter by the first brand: the checkbox submits the GET form (JS), the URL carries the filter.
    brand = page.locator("form.facets input[name=brand]").first
    with page.expect_navigation():
        brand.check()
    assert "brand=" in page.url
    cards_after = page.locator(".product-card").count()
    assert 0 < cards_after <= cards_before
    assert page.locator("meta[name=robots]").get_attribute("content").startswith("noindex")
    assert_inset_from_the_screen_edges(page, "main h1", ".product-card")

    product_title = page.locator(".product-card__title").first.inner_text()
    page.locator(".product-card__link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == product_title
    assert "inkl. MwSt." in page.content()
    assert_inset_from_the_screen_edges(page, "main h1", ".product__gallery", ".product__price", ".product__details")
    german_product = ProductPage.objects.get(locale__language_code="de", title=product_title)

    page.locator(".language-switcher").get_by_role("link", name=re.compile("^EN")).click()
    page.wait_for_url(re.compile(r"/en/"))
    english_product = german_product.get_translation(_en())
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == english_product.title
    assert "incl. VAT" in page.content()
    assert page.console_errors == []


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_an_editor_creates_and_publishes_a_product_and_sees_it_on_the_site(
    desktop_page, live_server, demo_site, admin_user
):
    from catalog.tests.factories import make_category

    home = demo_site.root_page
    category = make_category(home, "Tee")
    admin_user.set_password("editor-password-1")
    admin_user.save()
    page = desktop_page

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", admin_user.username)
    page.fill("input[name=password]", "editor-password-1")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/pages/add/catalog/productpage/{category.pk}/")
    page.fill("#id_title", "Lindenblütentee")
    page.fill("#id_short_description", "Mild und blumig.")
    page.get_by_role("tab", name=re.compile("Varianten|Variants")).click()
    page.click("#id_variants-ADD")
    page.fill("#id_variants-0-sku", "LB-100")
    page.fill("#id_variants-0-size_label", "100 g")
    page.fill("#id_variants-0-net_quantity", "100")
    page.fill("#id_variants-0-retail_price", "5.90")
    page.fill("#id_variants-0-stock_quantity", "25")
    # Publish lives in the action menu's dropdown.
    page.get_by_role("button", name=re.compile("Mehr Aktionen|More actions")).last.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    product = ProductPage.objects.get(title="Lindenblütentee")
    assert product.live
    assert product.variants.get().sku == "LB-100"
    assert CategoryPage.objects.get(pk=category.pk).get_children().live().count() == 1

    page.goto(live_server.url + product.url)
    assert page.locator("h1").inner_text() == "Lindenblütentee"
    assert "5,90" in page.locator("main").inner_text()
