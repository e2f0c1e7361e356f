"""Defaults for sandboxes: the project's provider settings when Django is configured, else sandbox constants.

The mounted dev sandboxes thereby accept exactly the credentials the dev shop's clients send.
"""

from __future__ import annotations

from integrations.provider_config import SANDBOX_CREDENTIALS

SANDBOX_FALLBACKS = {"SITE_URL": "http://127.0.0.1:8000", **SANDBOX_CREDENTIALS}


def project_setting(name: str) -> str:
    from django.conf import settings

    if settings.configured and hasattr(settings, name):
        return str(getattr(settings, name))
    return SANDBOX_FALLBACKS[name]
