"""Real concurrency: threads, each with its own database connection, released at once by a barrier."""

from __future__ import annotations

import threading

from django.db import connection


def race(callables) -> list[tuple[str, object]]:
    """Run every callable in its own thread at the same moment; ("ok", result) or ("error", exception) each."""
    barrier = threading.Barrier(len(callables))
    results: list = [None] * len(callables)

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", callables[i]())
        except Exception as exc:
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(callables))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results


def run_concurrently(count: int, action) -> list[tuple[str, object]]:
    """`action(i)` in `count` threads at once."""
    return race([lambda i=i: action(i) for i in range(count)])


def compete_after_lock(target, attribute: str, competitor, monkeypatch) -> None:
    """Patch the locking function `target.attribute` (a `lock_objects` queryset) so that its first call takes
    the row locks and then runs `competitor()` while the caller still holds them (Saleor's run-after race).

    Deterministic race injection through the real code path: the competitor arrives at the worst moment,
    between the locked read and the write. Later calls, the competitor's own included, go straight through.
    """
    original = getattr(target, attribute)
    fired = []

    def wrapper(*args, **kwargs):
        if fired:
            return original(*args, **kwargs)
        fired.append(True)
        rows = list(original(*args, **kwargs))  # evaluated: the rows are locked now
        competitor()
        return rows

    monkeypatch.setattr(target, attribute, wrapper)
