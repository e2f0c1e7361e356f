"""Per-account slow-down for shopper logins: a soft signal, never a lockout.

Hard limits are per (account, client address) (axes and allauth's ``login_failed`` key) and per
client address (allauth). Counting failures per account alone would let anyone lock a shopper out
by typing wrong passwords for her e-mail. Instead, once an account has collected many failures
from anywhere, attempts for it are spaced a few seconds apart: a guessing attack spread over many
addresses is slowed to a trickle, while the owner at worst waits a moment and tries again.
State lives in the cache; when the cache is unavailable the slow-down is simply not applied.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

clock = time.time


def _cache_key(login: str) -> str:
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return f"login-slowdown:{digest}"


def _recent_failures(login: str, now: float) -> list[float]:
    window = settings.LOGIN_ACCOUNT_SLOWDOWN_WINDOW_SECONDS
    try:
        history = cache.get(_cache_key(login)) or []
    except Exception:  # a soft signal must never break the login
        logger.warning("login slow-down: cache unavailable, not applied", exc_info=True)
        return []
    return [ts for ts in history if ts > now - window]


def seconds_to_wait(login: str) -> int:
    """0, or how long this account's next attempt must wait after its many recent failures."""
    if not login:
        return 0
    now = clock()
    failures = _recent_failures(login, now)
    if len(failures) < settings.LOGIN_ACCOUNT_SLOWDOWN_AFTER:
        return 0
    remaining = max(failures) + settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS - now
    return max(0, int(remaining + 0.999))


def record_failure(login: str) -> None:
    if not login:
        return
    now = clock()
    failures = _recent_failures(login, now)
    failures.append(now)
    try:
        cache.set(_cache_key(login), failures[-100:], settings.LOGIN_ACCOUNT_SLOWDOWN_WINDOW_SECONDS)
    except Exception:
        logger.warning("login slow-down: cache unavailable, failure not counted", exc_info=True)


def forget(login: str) -> None:
    """The owner proved who she is (login or password reset): start counting afresh."""
    if not login:
        return
    try:
        cache.delete(_cache_key(login))
    except Exception:
        logger.warning("login slow-down: cache unavailable", exc_info=True)
