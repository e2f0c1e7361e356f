"""Liveness and readiness probes for load balancers and orchestrators."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection


@never_cache
def healthz(request):
    """The process answers. Touches nothing else, so it stays cheap under load."""
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # django-redis swallows errors (fail soft), so prove a round trip instead of trusting set().
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise ConnectionError("cache round trip failed")
    cache.delete(key)


def _check_broker() -> None:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return  # no broker configured: tasks run in-process
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
def readyz(request):
    """200 when the database, cache and broker answer; 503 naming each one that did not."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            results[name] = f"error: {exc.__class__.__name__}"
    failed = sorted(name for name, state in results.items() if state != "ok")
    status = 503 if failed else 200
    return JsonResponse(
        {"status": "ok" if not failed else "unavailable", "failed": failed, "checks": results}, status=status
    )
