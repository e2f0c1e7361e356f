"""What every provider callback view shares: retrying a briefly locked database, then 503 + Retry-After.

The views themselves live with their provider (payments/vendo/views.py, shipping/sendcloud/views.py):
parse, verify through the provider client, hand over to a handler, answer.
"""

from __future__ import annotations

import logging
import time

from django.db import OperationalError
from django.http import HttpResponse

logger = logging.getLogger("integrations")

# Not from the provider at all: answered 403 and only logged (storing them would let anyone fill the table).
UNTRUSTED_SENDER_CODES = frozenset({"forbidden_source", "invalid_token"})
# SQLite answers concurrent writers "database is locked" at once when a transaction that already
# read wants to write. Retried briefly; if the database stays busy the provider is told to retry
# later (503 + Retry-After), which both providers do. Recording is idempotent, so a retry is safe.
LOCKED_RETRY_DELAYS = (0.05, 0.2, 0.5)
RETRY_AFTER_SECONDS = 30


class DatabaseBusy(Exception):
    pass


def retrying_when_locked(process, *args):
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return process(*args)
        except OperationalError as exc:
            if delay is None or "locked" not in str(exc):
                raise DatabaseBusy(str(exc)) from exc
            time.sleep(delay)
    raise AssertionError("unreachable")


def busy(body: str, content_type: str, provider: str, exc: DatabaseBusy) -> HttpResponse:
    logger.warning("%s notification deferred, database busy: %s", provider, exc)
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
