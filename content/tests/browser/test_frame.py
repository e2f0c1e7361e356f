import pytest

from content.models import StandardPage
from content.tests.conftest import publish, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(demo_site):
    from content.models import HomePage

    home = HomePage.objects.get(locale__language_code="de")
    shipping = publish(home, StandardPage(title="Versand und Lieferung", slug="versand"))
    translate(shipping, title="Shipping and delivery", slug="shipping")
    return shipping


def test_autocomplete_suggests_pages_and_opens_one_by_keyboard(page, live_server, pages):
    page.goto(live_server.url + "/")

    page.get_by_role("combobox").fill("Versa")
    option = page.get_by_role("option", name="Versand und Lieferung")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/versand/")
    assert page.console_errors == []


def test_search_form_works_without_javascript_and_switches_language(browser, live_server, pages):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(live_server.url + "/versand/")

    tab.locator("#site-search-input").fill("Lieferung")
    tab.locator(".site-search [type=submit]").click()
    assert "/search/?q=Lieferung" in tab.url
    assert tab.get_by_role("link", name="Versand und Lieferung").count() == 1

    tab.goto(live_server.url + "/versand/")
    tab.locator('.language-switcher a[hreflang="en"]').click()
    assert tab.url.endswith("/en/shipping/")
    context.close()
