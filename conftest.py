"""Project-wide fixtures: the demo site, and the services some tests need for real.

Tests that need PostgreSQL, Redis or the browser skip on a laptop without them, but
fail under REQUIRE_SERVICES=1 (set by .ci/run): in CI nothing is silently skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379/15"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def service_unavailable(service: str, reason: str):
    """Skip locally, fail in CI."""
    message = f"{service} is required for this test but unavailable: {reason}"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Every test starts with empty caches (HTML fragments, site root paths, rate-limit counters) and in
    German: LocaleMiddleware leaves the language of the last request (e.g. /en/) active in the thread.
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    for cache in caches.all():
        cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def english():
    """Service-level messages asserted in English (their msgids); pages choose their language by URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A real Redis to talk to: REDIS_URL when set, else the local default."""
    url = os.environ.get("REDIS_URL") or DEFAULT_TEST_REDIS_URL
    if not _reachable(url):
        service_unavailable("Redis", f"nothing listens at {url}")
    return url


@pytest.fixture
def postgres(db):
    """Assert the test database is PostgreSQL (row locks and real concurrency need it)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        service_unavailable("PostgreSQL", f"DATABASE_URL points to {connection.vendor}")
    return connection


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        service_unavailable("Chromium", f"{CHROMIUM_PATH} not found (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        service_unavailable("Chromium", "the playwright package is not installed")
    return CHROMIUM_PATH


@pytest.fixture
def demo_site(db):
    """The seeded demo shop (home page in de and en, locales, admin user)."""
    from django.core.management import call_command

    call_command("seed_demo", "--minimal", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def document_roots(settings, tmp_path):
    """Public media and private documents (invoices, labels) in directories of this test only."""
    from types import SimpleNamespace

    roots = SimpleNamespace(media=tmp_path / "media", private=tmp_path / "private")
    settings.MEDIA_ROOT = str(roots.media)
    settings.PRIVATE_MEDIA_ROOT = str(roots.private)
    return roots


@pytest.fixture
def dev_media_serving(settings):
    """The URLconf of `make run` (DEBUG on), where django.views.static serves MEDIA_ROOT under MEDIA_URL."""
    import importlib

    from django.urls import clear_url_caches

    import naturwest.urls

    debug = settings.DEBUG
    settings.DEBUG = True
    importlib.reload(naturwest.urls)
    clear_url_caches()
    yield
    settings.DEBUG = debug
    importlib.reload(naturwest.urls)
    clear_url_caches()


# --- Browser (Playwright driving Debian's Chromium; Playwright cannot download its own browser here) ---
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
