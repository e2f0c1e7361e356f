"""Defaults for sandboxes: the project's provider settings when Django is configured, else sandbox constants.

The mounted dev sandboxes thereby accept exactly the credentials the dev shop's clients send.
"""

from __future__ import annotations

SANDBOX_FALLBACKS = {
    "SITE_URL": "http://127.0.0.1:8000",
    "VENDO_MERCHANT_ID": "90001",
    "VENDO_SITE_ID": "90002",
    "VENDO_API_SECRET": "sandbox-vendo-api-secret",
    "VENDO_SHARED_SECRET": "sandbox-vendo-shared-secret",
    "VENDO_POSTBACK_TOKEN": "sandbox-vendo-postback-token",
    "SENDCLOUD_PUBLIC_KEY": "sandbox-sendcloud-public-key",
    "SENDCLOUD_SECRET_KEY": "sandbox-sendcloud-secret-key",
}


def project_setting(name: str) -> str:
    from django.conf import settings

    if settings.configured and hasattr(settings, name):
        return str(getattr(settings, name))
    return SANDBOX_FALLBACKS[name]
