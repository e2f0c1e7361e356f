"""Process state and the services some tests need for real.

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
from pathlib import Path
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


# Apps whose tests assert service messages by their English msgids; pages still choose their language by URL.
ENGLISH_MESSAGE_APPS = frozenset({"commerce", "integrations"})
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_service_messages(request, _fresh_process_state):
    """Commerce and integrations tests run in English, after the fresh state has activated German."""
    try:
        app = Path(request.node.path).resolve().relative_to(ROOT).parts[0]
    except ValueError:
        return
    if app in ENGLISH_MESSAGE_APPS:
        request.getfixturevalue("english")
