"""Which provider settings cannot take real money or ship real parcels.

Pure Python, no Django: the settings (naturwest/settings/providers.py) refuse to start on them
in production, and the deploy check integrations.W001 names them (checks.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Sandbox-only credentials: the mounted sandboxes accept exactly these. Never valid at a provider.
SANDBOX_CREDENTIALS = {
    "VENDO_MERCHANT_ID": "90001",
    "VENDO_SITE_ID": "90002",
    "VENDO_API_SECRET": "sandbox-vendo-api-secret",
    "VENDO_SHARED_SECRET": "sandbox-vendo-shared-secret",
    "VENDO_POSTBACK_TOKEN": "sandbox-vendo-postback-token",
    "SENDCLOUD_PUBLIC_KEY": "sandbox-sendcloud-public-key",
    "SENDCLOUD_SECRET_KEY": "sandbox-sendcloud-secret-key",
}

# Credentials a real installation must set; the postback token is the only secret in Vendo's callback URL.
REQUIRED_PROVIDER_CREDENTIALS = tuple(SANDBOX_CREDENTIALS)
MIN_POSTBACK_TOKEN_LENGTH = 24
LOOPBACK_PROVIDER_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "testserver"})


def _sandbox_url_reason(url: str, sandbox_mount: str) -> str:
    if not url:
        return "not set"
    if "/_sandbox/" in url + "/" or url.startswith(sandbox_mount):
        return f"sandbox URL {url}"
    parts = urlsplit(url)
    if (parts.hostname or "") in LOOPBACK_PROVIDER_HOSTS:
        return f"local URL {url}"
    if parts.scheme != "https":
        return f"not HTTPS: {url}"
    return ""


def sandbox_problems(values: dict) -> list[str]:
    """Every provider setting that cannot take real money or ship real parcels, with the reason.

    Secrets are named, never shown.
    """
    problems = []
    urls = ["VENDO_BASE_URL", "SENDCLOUD_BASE_URL"]
    if values.get("SENDCLOUD_SERVICE_POINTS_URL"):
        urls.append("SENDCLOUD_SERVICE_POINTS_URL")
    for name in urls:
        if reason := _sandbox_url_reason(values[name], values["SANDBOX_MOUNT"]):
            problems.append(f"{name} ({reason})")
    for name in REQUIRED_PROVIDER_CREDENTIALS:
        if not values[name]:
            problems.append(f"{name} (not set)")
        elif values[name] == SANDBOX_CREDENTIALS[name]:
            problems.append(f"{name} (the published sandbox default)")
    token = values["VENDO_POSTBACK_TOKEN"]
    if token and token != SANDBOX_CREDENTIALS["VENDO_POSTBACK_TOKEN"] and len(token) < MIN_POSTBACK_TOKEN_LENGTH:
        problems.append(f"VENDO_POSTBACK_TOKEN (shorter than {MIN_POSTBACK_TOKEN_LENGTH} characters)")
    if values["VENDO_TEST_MODE"]:
        problems.append("VENDO_TEST_MODE (true: every payment is a test payment)")
    return problems


def sandbox_settings_in_use(values: dict) -> list[str]:
    """Names of provider settings that still point at a sandbox or carry sandbox credentials."""
    return [problem.split(" ", 1)[0] for problem in sandbox_problems(values)]
