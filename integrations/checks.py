"""System checks for provider configuration.

integrations.W001 (deploy checks only): a non-DEBUG installation whose SITE_URL is a public host
still points a provider at a sandbox or uses sandbox credentials. Production does not mount the
sandboxes, so payments and shipping would fail. Loopback SITE_URLs (CI's dummy production
environment, local production-settings runs) are exempt, so `check --deploy --fail-level WARNING`
stays clean there. With PROVIDERS_LIVE=true the same condition already stopped the process at
settings import (naturwest/settings/providers.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})


def sandboxed_provider_settings() -> list[str]:
    from naturwest.settings.providers import sandbox_settings_in_use

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
            hint="Set the real VENDO_* and SENDCLOUD_* values (docs/integrations.md), then PROVIDERS_LIVE=true.",
            id="integrations.W001",
        )
    ]
