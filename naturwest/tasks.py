"""Platform tasks. `ping` proves a worker is alive end to end (broker, worker, result backend)."""

from celery import shared_task
from django.core.cache import cache


@shared_task(name="naturwest.ping", ignore_result=False)
def ping(token: str) -> str:
    """Echo a token back and leave a trace in the shared cache, so tests can see the worker ran it."""
    cache.set(f"ping:{token}", "pong", timeout=60)
    return f"pong:{token}"
