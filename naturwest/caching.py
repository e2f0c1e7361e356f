"""The storefront's server-side HTML cache: anonymous pages served before Wagtail routes the request.

`PageHTMLCacheMiddleware` serves a cached copy with no database query and no routing, and stores
the responses that a `CachedPageMixin` page (content/page_cache.py) marked as shareable. Keys are
per URL (path and query) and language. The CSP nonce is swapped for a placeholder when stored and
replaced by the current request's nonce when served. Whether an entry is still fresh is decided
by the generation stamps of content/page_cache.py, read together with the entry in one cache
round trip, so a hit costs the same whatever the size of the catalogue.

Personal requests (a signed-in visitor, a session holding a cart) are neither served from nor
written to the cache; finding that out costs the session lookup only for requests carrying a
session cookie. Responses that set a cookie are never stored, nor are previews.

`make bench` measures rendering with the header `X-Bench-Page-Cache: bypass`, honoured only
while `BENCHMARK_ENDPOINTS` is on (it is off everywhere but the benchmark's own server).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from content.page_cache import (
    CATALOG_GENERATION_KEY,
    CATALOG_SCOPE,
    KEY_PREFIX,
    PAGE_SCOPE,
    SITE_GENERATION_KEY,
    html_cache_timeout,
    path_generation_key,
)
from naturwest.middleware import is_personal

NONCE_PLACEHOLDER = "__nw-csp-nonce__"
STORED_HEADERS = ("Content-Type", "Cache-Control", "Content-Language", "Vary", "Link")
BENCH_BYPASS_HEADER = "X-Bench-Page-Cache"


class PageHTMLCacheMiddleware:
    """Serve and store anonymous storefront HTML. Goes right after csp.middleware.CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        entry_key = f"{KEY_PREFIX}:{get_language()}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        path_key = path_generation_key(request.path)
        found = cache.get_many([entry_key, SITE_GENERATION_KEY, CATALOG_GENERATION_KEY, path_key])
        generations = {
            "site": found.get(SITE_GENERATION_KEY, "0"),
            CATALOG_SCOPE: found.get(CATALOG_GENERATION_KEY, "0"),
            PAGE_SCOPE: found.get(path_key, "0"),
        }
        entry = found.get(entry_key)
        if entry is not None and self._is_fresh(entry, generations):
            return self._replay(request, entry)

        response = self.get_response(request)
        if self._may_store(request, response):
            cache.set(entry_key, self._entry(request, response, generations), html_cache_timeout())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        if request.method not in ("GET", "HEAD") or html_cache_timeout() <= 0:
            return False
        if settings.BENCHMARK_ENDPOINTS and request.headers.get(BENCH_BYPASS_HEADER) == "bypass":
            return False
        if request.path.startswith(("/admin/", f"/{settings.DJANGO_ADMIN_PATH}")):
            return False
        # Signed in or holding a cart: rendered for this visitor only (costs a query only with a session).
        return not is_personal(request)

    @staticmethod
    def _may_store(request, response) -> bool:
        return (
            getattr(response, "html_cache_scope", None) is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "is_preview", False)
        )

    @staticmethod
    def _is_fresh(entry: dict, generations: dict) -> bool:
        if entry["path_generation"] != generations[PAGE_SCOPE] or entry["site_generation"] != generations["site"]:
            return False
        return entry["scope"] != CATALOG_SCOPE or entry["catalog_generation"] == generations[CATALOG_SCOPE]

    @staticmethod
    def _entry(request, response, generations: dict) -> dict:
        content = response.content.decode(response.charset)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str) and nonce:
            content = content.replace(nonce, NONCE_PLACEHOLDER)
        return {
            "content": content,
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
            "scope": response.html_cache_scope,
            "catalog_generation": generations[CATALOG_SCOPE],
            "path_generation": generations[PAGE_SCOPE],
            "site_generation": generations["site"],
        }

    @staticmethod
    def _replay(request, entry: dict) -> HttpResponse:
        content = entry["content"]
        if NONCE_PLACEHOLDER in content:
            content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce))
        response = HttpResponse(content)
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
