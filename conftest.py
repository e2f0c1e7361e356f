"""Project-wide fixtures: the demo site, and the services some tests need for real.

Tests that need PostgreSQL, Redis or the browser skip on a laptop without them, but
fail under REQUIRE_SERVICES=1 (set by .ci/run): in CI nothing is silently skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


# --- No test may get an answer from a server it did not start ------------------------------------------
DEV_PORT = 8000  # where `make run` serves the shop and its mounted provider sandboxes


def _from_this_process(client_port: int) -> bool:
    """Is the connecting socket one of ours? Other test runs on the machine may knock on the port too."""
    ours = set()
    try:
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):  # closed meanwhile
                ours.add(os.readlink(f"/proc/self/fd/{fd}"))
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table) as rows:
                for row in list(rows)[1:]:
                    fields = row.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == client_port and f"socket:[{fields[9]}]" in ours:
                        return True
    except OSError:
        return True  # no /proc: count every request
    return False


class _ForeignRequest(BaseHTTPRequestHandler):
    def _refuse(self):
        if _from_this_process(self.client_address[1]):
            self.server.requests.append(f"{self.command} {self.path} (Host: {self.headers.get('Host')})")
        body = b"foreign server on the dev port: no test may talk to it"
        self.send_response(503)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _refuse

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session", autouse=True)
def foreign_dev_server():
    """A stranger on 127.0.0.1:8000 for the whole run, standing in for a `make run` next door.

    It records every request from this test process and fails the run if any arrived: a test that leaves a provider
    unconfigured must get "connection refused" (test settings), not a dev server's sandbox answer.
    If the port is already taken (a real `make run`), nothing is started: the settings still keep
    every test away from it.
    """
    try:
        server = ThreadingHTTPServer(("127.0.0.1", DEV_PORT), _ForeignRequest)
    except OSError:
        yield None
        return
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, name="foreign-dev-server", daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    if server.requests:
        pytest.fail(
            f"{len(server.requests)} request(s) reached the foreign server on port {DEV_PORT}: "
            + "; ".join(server.requests[:10]),
            pytrace=False,
        )


# --- Data migrations survive transactional tests ----------------------------------------------------------
# A transactional test (live server, threads) ends with a flush that also removes what data migrations
# created: the root page, default site and locale, root collection, staff groups and workflows. Every
# later test in the run, and a later `--reuse-db` run, would start from an emptied database. So the
# migrated state is kept from the start of the run and put back after each transactional test.
_MIGRATED_STATE = pytest.StashKey[dict]()


def _missing_migration_data() -> list[str]:
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Page, Site

    expected = {
        "root page": Page.objects.filter(depth=1),
        "default site": Site.objects.filter(is_default_site=True),
        "default locale": Locale.objects.all(),
        "root collection": Collection.objects.filter(depth=1),
        "staff groups": Group.objects.all(),
    }
    return [name for name, rows in expected.items() if not rows.exists()]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    from django.db import connections

    with django_db_blocker.unblock():
        missing = _missing_migration_data()
        if missing:
            pytest.exit(
                f"The reused test database lacks what its migrations created ({', '.join(missing)}): an "
                "earlier run flushed it. Run once with --create-db.",
                returncode=1,
            )
        request.config.stash[_MIGRATED_STATE] = {alias: _serialize(connections[alias]) for alias in connections}
    yield


def _serialize(connection) -> str:
    """Django's serialize_db_to_string, with content types first: loading pages and workflow tasks
    looks up their content type, which must then already be the restored row (same id)."""
    from io import StringIO

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import router
    from django.db.migrations.loader import MigrationLoader

    migrated = MigrationLoader(connection).migrated_apps
    models = [
        model
        for app_config in apps.get_app_configs()
        if app_config.models_module is not None and app_config.label in migrated
        for model in app_config.get_models()
        if model._meta.can_migrate(connection) and router.allow_migrate_model(connection.alias, model)
    ]
    models.sort(key=lambda model: model is not ContentType)

    def objects():
        for model in models:
            yield from model._base_manager.using(connection.alias).order_by(model._meta.pk.name).iterator()

    out = StringIO()
    serializers.serialize("json", objects(), indent=None, stream=out)
    return out.getvalue()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    state = item.config.stash.get(_MIGRATED_STATE, None)
    if state and _is_transactional(item):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for alias, contents in state.items():
                # The test's flush re-created content types and permissions with new ids: clear them first.
                # Sequences stay where they are (as in Django's own flush between tests): restored rows
                # keep their ids, new rows get higher ones.
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    reset_sequences=False,
                    verbosity=0,
                )
                ContentType.objects.clear_cache()
                connections[alias].creation.deserialize_db_from_string(contents)
                ContentType.objects.clear_cache()
    return result


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Every test starts with empty caches (HTML fragments, site root paths, rate-limit counters) and in
    German: LocaleMiddleware leaves the language of the last request (e.g. /en/) active in the thread.
    """
    from celery.result import _set_task_join_will_block
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    for cache in caches.all():
        cache.clear()
    # Eager tasks run under Celery's "no result.get() inside a task" guard, a process-wide flag that
    # threads running eager tasks at once (the race tests) can leave set.
    _set_task_join_will_block(False)
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
