"""Vendo URL signing (docs.vendoservices.com/docs/signing-urls, SDK Util/Signature.php).

The signed string is `path?query` without scheme, host and the `signature` parameter, in the
order the parameters appear; the signature is HMAC-SHA1 with the Shared Secret, base64url
without padding, appended as `&signature=`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import urlencode, urlsplit

SIGNATURE_PARAM = "signature"


def sign(path_and_query: str, shared_secret: str) -> str:
    digest = hmac.new(shared_secret.encode(), path_and_query.encode(), hashlib.sha1).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def signed_url(base_url: str, path: str, params: list[tuple[str, str]], shared_secret: str) -> str:
    """`base_url` + `path?query&signature=…`; `params` keep their order (it is part of the signature).

    The signed path is the full path of the final URL, so a base URL with a path prefix (the dev
    sandbox mount) is signed the way the server will see it.
    """
    query = urlencode(params)
    base = base_url.rstrip("/")
    full_path = urlsplit(base + path).path
    unsigned = f"{full_path}?{query}" if query else full_path
    separator = "&" if query else "?"
    return f"{base}{path}{'?' + query if query else ''}{separator}{SIGNATURE_PARAM}={sign(unsigned, shared_secret)}"


def _strip_signature(raw_query: str) -> tuple[str, str]:
    """Split a raw query string into (query without signature, signature), keeping received order."""
    kept, signature = [], ""
    for part in raw_query.split("&") if raw_query else []:
        name = part.split("=", 1)[0]
        if name == SIGNATURE_PARAM:
            signature = part.split("=", 1)[1] if "=" in part else ""
        else:
            kept.append(part)
    return "&".join(kept), signature


def is_valid_url(path: str, raw_query: str, shared_secret: str, *, expires: str | None = None, now=None) -> bool:
    """Vendo's `isValidUrl`: the signature matches the received path and query, and `expires` is not past.

    `path` must be the path the signature was computed over (for a mounted sandbox: the full
    path including the mount prefix).
    """
    query, signature = _strip_signature(raw_query)
    if not signature:
        return False
    if expires is not None:
        try:
            if int(expires) < (now if now is not None else time.time()):
                return False
        except ValueError:
            return False
    unsigned = f"{path}?{query}" if query else path
    return hmac.compare_digest(sign(unsigned, shared_secret), signature)
