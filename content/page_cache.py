"""The page side of the storefront's HTML cache: which pages may be shared, and the purges.

The middleware that serves and stores the HTML is the project's (naturwest/caching.py); what the
page models and the publish handlers of every app need lives here, in the lowest app:

* `CachedPageMixin` (on a page model) marks anonymous, non-preview responses as cacheable:
  `Cache-Control: public, max-age=0, s-maxage=600, stale-while-revalidate=60`; signed-in
  visitors get `private, no-cache`.
* Purging bumps generation stamps instead of deleting keys: every entry remembers the
  generations current when it was rendered and is ignored once one moved on. A page's own
  generation (per URL path, all query strings) goes on its publish; the catalogue generation
  goes on any product/category publish and invalidates everything that lists products
  (category and landing pages, product pages with related products, the home page); the site
  generation goes when the frame (navigation, shop settings) changes.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "s_maxage": 600, "stale_while_revalidate": 60}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}
CATALOG_SCOPE = "catalog"
PAGE_SCOPE = "page"
KEY_PREFIX = "nw:html"


def html_cache_timeout() -> int:
    return getattr(settings, "PAGE_HTML_CACHE_SECONDS", 600)


# --- Page side --------------------------------------------------------------------------


class CachedPageMixin:
    """For page models whose anonymous HTML may be shared: sets Cache-Control and marks the response."""

    html_cache_scope = CATALOG_SCOPE
    # Publishing a page of this type makes every page that lists products stale (products, categories).
    publish_purges_catalog = False

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

SITE_GENERATION_KEY = f"{KEY_PREFIX}:gen:site"
CATALOG_GENERATION_KEY = f"{KEY_PREFIX}:gen:{CATALOG_SCOPE}"


def path_generation_key(path: str) -> str:
    return f"{KEY_PREFIX}:gen:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def _new_generation() -> str:
    return str(time.time_ns())


def catalog_generation() -> str:
    """A stamp that changes whenever the catalogue or the whole site is purged (any product or
    category publish): derived caches (e.g. category facet counts) key on it instead of being deleted."""
    stamps = cache.get_many([SITE_GENERATION_KEY, CATALOG_GENERATION_KEY])
    return f"{stamps.get(SITE_GENERATION_KEY, '0')}.{stamps.get(CATALOG_GENERATION_KEY, '0')}"


def purge_site() -> None:
    """Every cached page goes stale."""
    cache.set(SITE_GENERATION_KEY, _new_generation(), None)


def purge_catalog() -> None:
    """Every cached page that lists products (categories, landing pages, product pages, home) goes stale."""
    cache.set(CATALOG_GENERATION_KEY, _new_generation(), None)


def purge_paths(paths: list[str]) -> None:
    """The given URL paths (with any query string) go stale."""
    generation = _new_generation()
    cache.set_many({path_generation_key(path): generation for path in paths}, None)


def purge_page(page) -> None:
    """A published or unpublished page: its URLs in every language, and listings when it is catalogue content
    (its class says so with `publish_purges_catalog`)."""
    translations = list(page.get_translations(inclusive=True).only("id", "url_path", "path", "depth", "locale_id"))
    purge_paths([path for p in translations if (path := _page_path(p))])
    if getattr(page.specific_class, "publish_purges_catalog", False):
        purge_catalog()


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, _root_url, page_path = parts
    return page_path
