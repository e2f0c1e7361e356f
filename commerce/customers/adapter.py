"""allauth adapter: login failure counters keyed per (account, client address), plus a soft per-account slow-down."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import login_throttle
from .lockout import client_address


def _login_of(credentials) -> str:
    return (credentials.get("email") or credentials.get("username") or "").strip().lower()


@dataclass(frozen=True)
class ShopSite:
    """What allauth's mails call ``current_site``: the shop's name and the host of ``SITE_URL``.

    Without ``django.contrib.sites`` allauth falls back to the request's host, which in development
    is "127.0.0.1" and behind a proxy may be an internal name.
    """

    name: str
    domain: str


def shop_site(site_url: str) -> ShopSite:
    return ShopSite(name="Naturwest", domain=urlsplit(site_url).netloc or site_url)


def customer_name(user, email: str = "") -> str:
    """How mails greet the customer: their name, else a default address's name, else the e-mail.

    Never the username: for shoppers it is an internal value allauth derives from the e-mail.
    """
    if user is not None and getattr(user, "pk", None):
        full_name = user.get_full_name().strip()
        if full_name:
            return full_name
        address = user.addresses.order_by("-is_default_billing", "-is_default_shipping", "pk").first()
        if address is not None and address.full_name:
            return address.full_name
        email = email or user.email
    return email


class ShopAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "login_slowed_down": _(
            "There were many failed sign-in attempts for this account. Please wait a few seconds and try again."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {
            "current_site": shop_site(settings.SITE_URL),
            "customer_name": customer_name(context.get("user"), email),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request) -> str:
        """The same address axes counts under (trusted proxies only), for every allauth rate limit."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's per-"key" limit of ``login_failed``, per account *and* client address.

        Keyed on the account alone, five wrong passwords from anywhere would lock the owner out.
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        if login_throttle.seconds_to_wait(_login_of(credentials)):
            # Not a failure of this address: give back what allauth's counters just consumed.
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("login_slowed_down")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_throttle.forget(_login_of(credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        # Attempts axes refused (locked-out address) were never checked against the password.
        if not getattr(request, "axes_locked_out", False):
            login_throttle.record_failure(_login_of(credentials))

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        login_throttle.forget(_login_of(credentials))
