"""The client address of a request, believing X-Forwarded-For only as far as our own proxies wrote it."""

from __future__ import annotations

from django.conf import settings


def client_ip(meta, trusted_proxies: int | None = None) -> str:
    """REMOTE_ADDR, or with N trusted reverse proxies the N-th address from the right of X-Forwarded-For.

    Entries further left were written by the client and can be forged, so they are never used.
    """
    trusted = settings.PROVIDERS_TRUSTED_PROXY_COUNT if trusted_proxies is None else trusted_proxies
    remote = meta.get("REMOTE_ADDR", "")
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote
    return forwarded[-trusted]
