"""Site search over live pages of one language, autocomplete suggestions and the search log.

The backend is Wagtail's `wagtail.search.backends.database`, which picks PostgreSQL full-text
search on PostgreSQL and SQLite FTS5 on SQLite by itself (modelsearch.backends.database).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale, Page

from content.models import SearchQueryLog

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
SUGGESTION_LIMIT = 8
# Logged searches per client address and minute; more are answered but not written to the log.
LOGGED_SEARCHES_PER_MINUTE = 10
# Control characters (NUL included) and unpaired surrogates: PostgreSQL stores neither, and nobody types them.
UNTYPEABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
WORD = re.compile(r"\w+")


def clean_query(query: str | None, max_length: int = MAX_QUERY_LENGTH) -> str:
    """What the visitor typed, without untypeable characters, whitespace collapsed, cut to `max_length`."""
    return re.sub(r"\s+", " ", UNTYPEABLE.sub(" ", query or "")).strip()[:max_length]


def normalize_query(query: str) -> str:
    return clean_query(query).lower()


def search_terms(query: str) -> list[str]:
    """The words of a query. Only these reach the backend: quotes, `*`, `^`, `-`, parentheses and the like
    are query syntax in SQLite FTS5 and PostgreSQL tsquery, and a visitor's stray quote must not be a 500.
    Words such as AND, OR, NOT or NEAR are searched for as words (the backend quotes every term)."""
    return WORD.findall(clean_query(query))


def searchable_pages(locale: Locale):
    return Page.objects.live().public().filter(locale=locale).exclude(depth=1)


def search_pages(query: str, locale: Locale):
    """Search results (lazy, sliceable) ranked by relevance; none when the query has no words."""
    terms = search_terms(query)
    if not terms:
        return Page.objects.none()
    return searchable_pages(locale).search(" ".join(terms), operator="and")


def suggest(query: str, locale: Locale, request=None) -> list[dict]:
    """Up to 8 titles with URLs whose words start with what the visitor typed."""
    terms = search_terms(query)
    if len("".join(terms)) < 2:
        return []
    pages = searchable_pages(locale).autocomplete(" ".join(terms))[:SUGGESTION_LIMIT]
    return [{"title": page.title, "url": page.get_url(request)} for page in pages]


def log_search(query: str, language_code: str, results_count: int) -> SearchQueryLog:
    return SearchQueryLog.objects.create(
        query=normalize_query(query)[:255], locale=language_code, results_count=results_count
    )


def may_log_search(client: str) -> bool:
    """Whether this client's search may still be logged this minute, so a script cannot fill the table.

    Counted in the cache per client address and minute. Logging only happens when the cache
    confirms the count: with the cache down (or the dummy cache) searches work and nothing is logged.
    """
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    key = f"nw:search-log:{digest}:{int(time.time() // 60)}"
    try:
        try:
            count = cache.incr(key)
        except ValueError:  # the client's first search this minute
            cache.add(key, 0, timeout=120)
            count = cache.incr(key)
    except Exception:  # a cache outage must not turn a search into an error
        logger.warning("search log counter unavailable; search not logged", exc_info=True)
        return False
    return isinstance(count, int) and count <= LOGGED_SEARCHES_PER_MINUTE


def popular_searches(language_code: str, limit: int = 5, days: int = 30) -> list[str]:
    """Queries that found something recently, most frequent first (for the no-results page)."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        SearchQueryLog.objects.filter(Q(locale=language_code) & Q(results_count__gt=0) & Q(created_at__gte=since))
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )
    return [row["query"] for row in rows]
