"""Browser tests: Playwright driving Debian's Chromium (Playwright cannot download its own browser here)."""

from __future__ import annotations

import os

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One Chromium for the whole session, shared by every app's browser tests."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django must still allow ORM calls here.
    # Set only while browsers run, so subprocesses started by other tests don't inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _new_page(browser, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return context, page


@pytest.fixture
def page(browser):
    """A phone-sized page (mobile-first); `page.console_errors` collects console errors and exceptions."""
    context, page = _new_page(browser, viewport={"width": 390, "height": 844}, locale="de-DE")
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    """A desktop-sized page, for the Wagtail admin."""
    context, page = _new_page(browser, viewport={"width": 1366, "height": 900}, locale="de-DE")
    yield page
    context.close()


def assert_inset_from_the_screen_edges(page, *selectors, margin=12):
    """On a phone the main content keeps at least `margin` px from both screen edges."""
    width = page.viewport_size["width"]
    for selector in selectors:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, f"{selector} is not visible"
        assert box["x"] >= margin, f"{selector} starts {box['x']}px from the left edge"
        assert width - (box["x"] + box["width"]) >= margin, f"{selector} ends {box['x'] + box['width']}px of {width}"
