"""Same-origin check for the one cart endpoint that cannot carry a CSRF token.

Catalogue pages are cached and set no cookies, so their add-to-cart form has no per-user CSRF
token. `/cart/add/` is therefore exempt from Django's token check and accepts a POST only when
the browser says it comes from our own origin: `Sec-Fetch-Site` (set by the browser, scripts
cannot forge it), else `Origin`, else `Referer`. Without any of them the request is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request) -> set[str]:
    own = f"{request.scheme}://{request.get_host()}".lower()
    return {own, *(origin.lower() for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))}


def is_same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is not None:
        return _origin_of(origin) in allowed_origins(request)
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in allowed_origins(request)
    return False
