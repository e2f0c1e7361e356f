"""The shop's Redis cache: fail soft, and rate limits that stand aside (not lock everyone out) when Redis is down."""

from __future__ import annotations

import logging

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("naturwest.cache")

# allauth's rate limiter takes a lock per counter with cache.add(); a lock it cannot take reads as
# "limited". With Redis unreachable that would answer 429 to every login, sign-up and password reset.
RATE_LIMIT_KEY_PREFIXES = ("allauth:rl:",)


class FailSoftRedisCache(RedisCache):
    """django-redis with IGNORE_EXCEPTIONS (errors read as misses), plus one deliberate exception.

    When Redis cannot be reached, add() of a rate-limit key answers "added": the limiter then finds
    no history and lets the request through, so rate limits are not enforced during the outage (a
    warning is logged each time). Password checks and axes' lockouts (database) still apply.
    With Redis up nothing changes. Every other add() keeps the fail-soft answer (not added).
    """

    def add(self, key, *args, **kwargs):
        try:
            return self.client.add(key, *args, **kwargs)
        except ConnectionInterrupted as error:
            if str(key).startswith(RATE_LIMIT_KEY_PREFIXES):
                logger.warning("cache unreachable (%s): rate limit %s not enforced", error.__cause__, key)
                return True
            if self._ignore_exceptions:
                if self._log_ignored_exceptions:
                    self.logger.exception("Exception ignored")
                return None
            raise error.__cause__ from None


def redis_cache(url: str, *, key_prefix: str = "nw") -> dict:
    """The CACHES entry for a Redis at `url`: short timeouts, so a dead Redis costs milliseconds, not seconds."""
    return {
        "BACKEND": "naturwest.cache.FailSoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "TIMEOUT": 300,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
