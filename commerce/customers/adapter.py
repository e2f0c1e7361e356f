"""allauth adapter: login failure counters keyed per (account, client address), plus a soft per-account slow-down."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import login_throttle
from .lockout import client_address


def _login_of(credentials) -> str:
    return (credentials.get("email") or credentials.get("username") or "").strip().lower()


class ShopAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "login_slowed_down": _(
            "There were many failed sign-in attempts for this account. Please wait a few seconds and try again."
        ),
    }

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
