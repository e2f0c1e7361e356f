"""django-axes glue: one lockout rule for staff (username) and shoppers (email)."""

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


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
