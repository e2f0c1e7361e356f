"""Header menu and footer links in real Chromium: mega menu on desktop, drawer on phones, legal links."""

import re

import pytest

from conftest import _new_page
from content.tests.conftest import build_framed_shop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRODUCT_URLS = {"de": "/tee/kraeutertee/pfefferminztee/", "en": "/en/tea/herbal-tea/peppermint-tea/"}
IMPRINT = {"de": ("Impressum", "/impressum/"), "en": ("Imprint", "/en/imprint/")}


@pytest.fixture
def shop(demo_site):
    from content.models import HomePage

    return build_framed_shop(HomePage.objects.get(locale__language_code="de"))


@pytest.fixture
def touch_page(browser):
    context, page = _new_page(browser, viewport={"width": 390, "height": 844}, locale="de-DE", has_touch=True)
    yield page
    context.close()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def focus_is_in(page, selector: str) -> bool:
    return page.evaluate("sel => !!document.activeElement.closest(sel)", selector)


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_imprint_is_one_click_from_a_product_page(browser, live_server, shop, width, language):
    context, page = _new_page(browser, viewport={"width": width, "height": 900})
    label, path = IMPRINT[language]
    page.goto(live_server.url + PRODUCT_URLS[language])

    page.locator("footer").get_by_role("link", name=label, exact=True).click()

    page.wait_for_url(live_server.url + path)
    assert page.locator("h1").inner_text() == label
    assert page.console_errors == []
    context.close()


def test_desktop_mega_menu_opens_on_hover_and_focus(desktop_page, live_server, shop, tmp_path):
    page = desktop_page
    page.goto(live_server.url + "/")
    tee = page.locator(".main-nav__item").filter(has=page.get_by_role("link", name="Tee", exact=True))
    menu = tee.locator(".mega-menu")
    assert page.locator(".nav-toggle").is_hidden()
    assert menu.is_hidden()

    tee.get_by_role("link", name="Tee", exact=True).hover()
    assert menu.is_visible()
    page.screenshot(path=str(tmp_path / "mega-menu-1366.png"))
    page.mouse.move(1300, 800)
    assert menu.is_hidden()

    tee.get_by_role("link", name="Tee", exact=True).focus()
    assert menu.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Kräutertee"
    page.keyboard.press("Escape")
    assert menu.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Tee"

    tee.get_by_role("link", name="Tee", exact=True).hover()
    menu.get_by_role("link", name="Schwarztee").click()
    page.wait_for_url(live_server.url + "/tee/schwarztee/")
    assert page.locator("h1").inner_text() == "Schwarztee"
    assert page.console_errors == []


def test_phone_drawer_opens_and_closes_by_keyboard(page, live_server, shop, tmp_path):
    page.goto(live_server.url + "/")
    toggle = page.locator("[data-nav-toggle]")
    drawer = page.locator("#site-nav")
    assert drawer.is_hidden()
    assert toggle.get_attribute("aria-controls") == "site-nav"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(tmp_path / "header-390.png"))

    for _ in range(5):
        page.keyboard.press("Tab")
        if focus_is_in(page, "[data-nav-toggle]"):
            break
    assert focus_is_in(page, "[data-nav-toggle]")
    page.keyboard.press("Enter")

    assert toggle.get_attribute("aria-expanded") == "true"
    assert drawer.is_visible()
    assert focus_is_in(page, "#site-nav")
    assert drawer.get_by_role("link", name="Kräutertee").is_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(tmp_path / "drawer-390.png"))
    for _ in range(8):  # Tab stays inside the open drawer
        page.keyboard.press("Tab")
        assert focus_is_in(page, "#site-nav")

    page.keyboard.press("Escape")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert drawer.is_hidden()
    assert focus_is_in(page, "[data-nav-toggle]")
    assert no_horizontal_scroll(page)
    assert page.console_errors == []


def test_phone_drawer_by_touch_follows_a_category_link(touch_page, live_server, shop):
    page = touch_page
    page.goto(live_server.url + "/en/")

    page.locator("[data-nav-toggle]").tap()
    assert page.locator("#site-nav").is_visible()
    page.locator("#site-nav").get_by_role("link", name="Herbal tea").tap()

    page.wait_for_url(live_server.url + "/en/tea/herbal-tea/")
    assert page.locator("h1").inner_text() == "Herbal tea"
    assert page.locator("#site-nav").is_hidden()

    page.locator("[data-nav-toggle]").tap()
    page.locator("[data-nav-close]").tap()
    assert page.locator("#site-nav").is_hidden()
    assert page.console_errors == []


def test_phone_menu_works_without_javascript(browser, live_server, shop):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#site-nav").is_hidden()

    page.locator("header").get_by_role("link", name="Menü").click()
    assert page.locator("#site-nav").is_visible()
    page.locator("#site-nav").get_by_role("link", name="Kräutertee").click()

    page.wait_for_url(re.compile(r"/tee/kraeutertee/$"))
    assert page.locator("h1").inner_text() == "Kräutertee"
    context.close()
