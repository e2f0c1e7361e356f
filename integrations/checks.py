"""System checks for provider configuration.

Production settings refuse to start on sandbox providers unless PROVIDERS_SANDBOX_ALLOWED=true
(naturwest/settings/providers.py). integrations.W001 (deploy checks only) is the reminder for an
installation that opted in on a public SITE_URL (a staging host): payments and shipping go to the
sandboxes. Loopback SITE_URLs (CI's dummy production environment, the compose stack, benchmarks)
are exempt, so `check --deploy --fail-level WARNING` stays clean there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from .provider_config import sandbox_settings_in_use

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})


def sandboxed_provider_settings() -> list[str]:
    names = [
        "VENDO_BASE_URL",
        "SENDCLOUD_BASE_URL",
        "VENDO_MERCHANT_ID",
        "VENDO_SITE_ID",
        "VENDO_API_SECRET",
        "VENDO_SHARED_SECRET",
        "VENDO_POSTBACK_TOKEN",
        "SENDCLOUD_PUBLIC_KEY",
        "SENDCLOUD_SECRET_KEY",
        "VENDO_TEST_MODE",
        "SENDCLOUD_SERVICE_POINTS_URL",
    ]
    values = {name: getattr(settings, name) for name in names}
    values["SANDBOX_MOUNT"] = f"{settings.SITE_URL}/_sandbox"
    return sandbox_settings_in_use(values)


@register(Tags.security, deploy=True)
def providers_not_sandboxed(app_configs=None, **kwargs):
    if settings.DEBUG or getattr(settings, "PROVIDERS_LIVE", False):
        return []
    if (urlsplit(settings.SITE_URL).hostname or "") in LOOPBACK_HOSTS:
        return []
    sandboxed = sandboxed_provider_settings()
    if not sandboxed:
        return []
    return [
        Warning(
            "Payment/shipping providers still use the sandbox: " + ", ".join(sandboxed),
            hint="PROVIDERS_SANDBOX_ALLOWED=true is set: fine for staging. A live shop sets the real VENDO_* and "
            "SENDCLOUD_* values (docs/integrations.md) and drops the opt-in.",
            id="integrations.W001",
        )
    ]
