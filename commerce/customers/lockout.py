"""django-axes glue: one lockout rule for staff (username) and shoppers (email)."""

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def client_address(request) -> str:
    """The address login failures are counted under, for axes and allauth alike.

    REMOTE_ADDR, or behind PROVIDERS_TRUSTED_PROXY_COUNT reverse proxies of our own the entry the
    outermost of them wrote into X-Forwarded-For: the same rule as for provider callbacks
    (integrations/network.py). Entries further left are written by the client and never believed,
    so an attacker cannot pick a fresh address per attempt; and behind a proxy, shoppers are not
    all counted under the proxy's address.
    """
    meta = request.META
    remote = meta.get("REMOTE_ADDR", "")
    trusted = settings.PROVIDERS_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-trusted] if len(forwarded) >= trusted else remote


def login_identifier(request, credentials=None):
    """The name axes counts failures under: the staff username, or the shopper's email in lower case.

    allauth authenticates with ``email=``; without this every shopper from one IP would share a
    single anonymous counter.
    """
    credentials = credentials or {}
    data = getattr(request, "POST", None) or {}
    username = credentials.get("username") or data.get("username")
    if username:
        return username
    email = credentials.get("email") or data.get("login") or ""
    return email.strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """Shoppers get a translated page in the shop layout; the admin keeps axes' plain answer."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/admin/") or request.path.startswith(f"/{settings.DJANGO_ADMIN_PATH}"):
        return HttpResponse(get_lockout_message(), status=status)
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    response = TemplateResponse(request, "account/lockout.html", {"cool_off_minutes": minutes}, status=status)
    add_never_cache_headers(response)
    return response.render()
