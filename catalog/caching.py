"""HTTP caching of storefront pages: public headers for anonymous visitors, a server-side HTML cache, purges.

Three parts:

* `CachedPageMixin` (on a page model) marks anonymous, non-preview responses as cacheable:
  `Cache-Control: public, max-age=0, s-maxage=600, stale-while-revalidate=60`; signed-in
  visitors get `private, no-cache`.
* `PageHTMLCacheMiddleware` serves a cached copy *before* Wagtail routes the request (zero
  queries for an anonymous hit) and stores marked responses. Keys are per URL (path and query)
  and language. The CSP nonce is swapped for a placeholder when stored and replaced by the
  current request's nonce when served.
* Purging bumps generation stamps instead of deleting keys: every entry remembers the
  generations current when it was rendered and is ignored once one moved on. A page's own
  generation (per URL path, all query strings) goes on its publish; the catalogue generation
  goes on any product/category publish and invalidates everything that lists products
  (category and landing pages, product pages with related products, the home page).

Requests carrying a session cookie are checked for a signed-in user (who is never served
from or written to the cache). Responses that set a cookie are never stored.

`make bench` measures rendering with the header `X-Bench-Page-Cache: bypass`, honoured only
while `BENCHMARK_ENDPOINTS` is on (it is off everywhere but the benchmark's own server).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "s_maxage": 600, "stale_while_revalidate": 60}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}
NONCE_PLACEHOLDER = "__nw-csp-nonce__"
CATALOG_SCOPE = "catalog"
PAGE_SCOPE = "page"
KEY_PREFIX = "nw:html"
STORED_HEADERS = ("Content-Type", "Cache-Control", "Content-Language", "Vary", "Link")
BENCH_BYPASS_HEADER = "X-Bench-Page-Cache"


def html_cache_timeout() -> int:
    return getattr(settings, "PAGE_HTML_CACHE_SECONDS", 600)


# --- Page side --------------------------------------------------------------------------


class CachedPageMixin:
    """For page models whose anonymous HTML may be shared: sets Cache-Control and marks the response."""

    html_cache_scope = CATALOG_SCOPE

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        mark_response(request, response, scope=self.html_cache_scope)
        return response

    def get_view_restrictions(self):
        """Skip the two restriction queries per request while the site has no view restrictions at all."""
        from wagtail.models import PageViewRestriction

        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


VIEW_RESTRICTIONS_KEY = f"{KEY_PREFIX}:has-view-restrictions"


def site_has_view_restrictions() -> bool:
    from wagtail.models import PageViewRestriction

    flag = cache.get(VIEW_RESTRICTIONS_KEY)
    if flag is None:
        flag = PageViewRestriction.objects.exists()
        cache.set(VIEW_RESTRICTIONS_KEY, flag, None)
    return flag


def view_restrictions_changed() -> None:
    """A restriction was added or removed: forget the flag and every cached page (it may now be private)."""
    cache.delete(VIEW_RESTRICTIONS_KEY)
    purge_site()


def mark_response(request, response, *, scope: str) -> None:
    if getattr(request, "is_preview", False):
        patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
        return
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    response.html_cache_scope = scope


# --- Generations and purging ------------------------------------------------------------


def _catalog_generation_key() -> str:
    return f"{KEY_PREFIX}:gen:{CATALOG_SCOPE}"


def _path_generation_key(path: str) -> str:
    return f"{KEY_PREFIX}:gen:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def _new_generation() -> str:
    return str(time.time_ns())


def _site_generation_key() -> str:
    return f"{KEY_PREFIX}:gen:site"


def catalog_generation() -> str:
    """A stamp that changes whenever the catalogue or the whole site is purged (any product or
    category publish): derived caches (e.g. category facet counts) key on it instead of being deleted."""
    stamps = cache.get_many([_site_generation_key(), _catalog_generation_key()])
    return f"{stamps.get(_site_generation_key(), '0')}.{stamps.get(_catalog_generation_key(), '0')}"


def purge_site() -> None:
    """Every cached page goes stale."""
    cache.set(_site_generation_key(), _new_generation(), None)


def purge_catalog() -> None:
    """Every cached page that lists products (categories, landing pages, product pages, home) goes stale."""
    cache.set(_catalog_generation_key(), _new_generation(), None)


def purge_paths(paths: list[str]) -> None:
    """The given URL paths (with any query string) go stale."""
    generation = _new_generation()
    cache.set_many({_path_generation_key(path): generation for path in paths}, None)


def purge_page(page) -> None:
    """A published or unpublished page: its URLs in every language, and listings when it is catalogue content.

    Called from the page_published/page_unpublished receivers (catalog/receivers.py).
    """
    from catalog.models import CategoryPage, ProductPage

    translations = list(page.get_translations(inclusive=True).only("id", "url_path", "path", "depth", "locale_id"))
    purge_paths([path for p in translations if (path := _page_path(p))])
    if isinstance(page.specific_deferred, ProductPage | CategoryPage):
        purge_catalog()


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, _root_url, page_path = parts
    return page_path


# --- Middleware ---------------------------------------------------------------------------


class PageHTMLCacheMiddleware:
    """Serve and store anonymous storefront HTML. Goes right after csp.middleware.CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        entry_key = f"{KEY_PREFIX}:{get_language()}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        path_key = _path_generation_key(request.path)
        found = cache.get_many([entry_key, _site_generation_key(), _catalog_generation_key(), path_key])
        generations = {
            "site": found.get(_site_generation_key(), "0"),
            CATALOG_SCOPE: found.get(_catalog_generation_key(), "0"),
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
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # A session may belong to a signed-in user (costs a query only for visitors with a session).
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                return False
        return True

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
