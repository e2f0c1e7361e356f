"""Payment (VendoService) and shipping (Sendcloud) provider settings, all from the environment.

Imported at the end of base.py, so every settings module has them. The defaults point at the
sandboxes the dev server mounts under `{SITE_URL}/_sandbox/<name>` (naturwest/wsgi_dev.py) with
fixed SANDBOX-ONLY credentials: `make run` and the tests need no configuration. Production
(wsgi.py) does not mount the sandboxes.

Production settings (DEBUG off) refuse to start while any provider setting is a sandbox URL, a
published sandbox credential, empty, or Vendo's test mode (`refuse_sandbox_providers`, called from
production.py), naming every offending setting. PROVIDERS_SANDBOX_ALLOWED=true is the explicit
opt-in for installations that deliberately run against the sandboxes: staging, the local compose
stack, CI's deploy check, the benchmarks. PROVIDERS_LIVE=true makes the same refusal apply under
any settings module (and contradicts the opt-in).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import SITE_URL, env

SANDBOX_MOUNT = f"{SITE_URL}/_sandbox"

# The published sandbox credentials, their one home: the sandboxes (integrations/sandbox/) accept
# these by default, production refuses them. Never valid at a provider.
SANDBOX_CREDENTIALS = {
    "VENDO_MERCHANT_ID": "90001",
    "VENDO_SITE_ID": "90002",
    "VENDO_API_SECRET": "sandbox-vendo-api-secret",
    "VENDO_SHARED_SECRET": "sandbox-vendo-shared-secret",
    "VENDO_POSTBACK_TOKEN": "sandbox-vendo-postback-token",
    "SENDCLOUD_PUBLIC_KEY": "sandbox-sendcloud-public-key",
    "SENDCLOUD_SECRET_KEY": "sandbox-sendcloud-secret-key",
}

PROVIDERS_LIVE = env.bool("PROVIDERS_LIVE", default=False)
PROVIDERS_SANDBOX_ALLOWED = env.bool("PROVIDERS_SANDBOX_ALLOWED", default=False)
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
# 0 = use REMOTE_ADDR only (a client-supplied X-Forwarded-For is never believed).
PROVIDERS_TRUSTED_PROXY_COUNT = env.int("PROVIDERS_TRUSTED_PROXY_COUNT", default=0)

# --- VendoService (payments) ----------------------------------------------------
VENDO_BASE_URL = env.str("VENDO_BASE_URL", default=f"{SANDBOX_MOUNT}/vendo").rstrip("/")
VENDO_MERCHANT_ID = env.str("VENDO_MERCHANT_ID", default=SANDBOX_CREDENTIALS["VENDO_MERCHANT_ID"])
VENDO_SITE_ID = env.str("VENDO_SITE_ID", default=SANDBOX_CREDENTIALS["VENDO_SITE_ID"])
VENDO_API_SECRET = env.str("VENDO_API_SECRET", default=SANDBOX_CREDENTIALS["VENDO_API_SECRET"])
VENDO_SHARED_SECRET = env.str("VENDO_SHARED_SECRET", default=SANDBOX_CREDENTIALS["VENDO_SHARED_SECRET"])
VENDO_POSTBACK_TOKEN = env.str("VENDO_POSTBACK_TOKEN", default=SANDBOX_CREDENTIALS["VENDO_POSTBACK_TOKEN"])
VENDO_POSTBACK_ALLOWED_IPS = env.list("VENDO_POSTBACK_ALLOWED_IPS", default=["127.0.0.1/32", "::1/128"])
VENDO_OFFER_ID = env.str("VENDO_OFFER_ID", default="")
VENDO_TEST_MODE = env.bool("VENDO_TEST_MODE", default=True)  # sent as is_test=1 on every gateway call
VENDO_CONNECT_TIMEOUT = env.float("VENDO_CONNECT_TIMEOUT", default=5.0)
VENDO_TIMEOUT = env.float("VENDO_TIMEOUT", default=30.0)  # Vendo asks for at least 30 s
VENDO_PAYMENT_LINK_TTL = env.int("VENDO_PAYMENT_LINK_TTL", default=3600)  # seconds; signed `expires`

# --- Sendcloud (shipping) ---------------------------------------------------------
# Root URL without /api/v2 (the client adds the version): production https://panel.sendcloud.sc
SENDCLOUD_BASE_URL = env.str("SENDCLOUD_BASE_URL", default=f"{SANDBOX_MOUNT}/sendcloud").rstrip("/")
SENDCLOUD_PUBLIC_KEY = env.str("SENDCLOUD_PUBLIC_KEY", default=SANDBOX_CREDENTIALS["SENDCLOUD_PUBLIC_KEY"])
SENDCLOUD_SECRET_KEY = env.str("SENDCLOUD_SECRET_KEY", default=SANDBOX_CREDENTIALS["SENDCLOUD_SECRET_KEY"])
SENDCLOUD_PARTNER_ID = env.str("SENDCLOUD_PARTNER_ID", default="")
# Service-point (pickup point) API: empty = derived from SENDCLOUD_BASE_URL
# (https://servicepoints.sendcloud.sc/api/v2 for the real panel, {base}/servicepoints/api/v2 for a sandbox).
SENDCLOUD_SERVICE_POINTS_URL = env.str("SENDCLOUD_SERVICE_POINTS_URL", default="").rstrip("/")
SENDCLOUD_CONNECT_TIMEOUT = env.float("SENDCLOUD_CONNECT_TIMEOUT", default=5.0)
SENDCLOUD_TIMEOUT = env.float("SENDCLOUD_TIMEOUT", default=20.0)

# --- Shipping offers at checkout (Sendcloud method id -> the shop's own name and price) ---
# JSON list in the environment. `gross` (German gross list price, EUR) and `delivery_time` are one
# value or a table by country with "EU" for the other delivery countries. `carrier_product` names the
# product once across methods: the flat rate's "dhl-paket" is dropped where Sendcloud offers it.
# Free shipping is the shop's threshold per customer type (FREE_SHIPPING_THRESHOLD[_B2B_NET]).
SENDCLOUD_OFFERS = env.json(
    "SENDCLOUD_OFFERS",
    default=[
        {
            "method_id": "8",
            "carrier_product": "dhl-paket",
            "name": "DHL Paket",
            "gross": {"DE": "4.90", "EU": "9.90"},
            "delivery_time": {"DE": "2–3 Werktage", "EU": "4–6 Werktage"},
        },
        {
            "method_id": "9",
            "carrier_product": "dpd-classic",
            "name": "DPD Classic",
            "gross": {"DE": "4.90", "EU": "9.90"},
            "delivery_time": {"DE": "1–3 Werktage", "EU": "3–5 Werktage"},
        },
        {
            "method_id": "10",
            "carrier_product": "dhl-packstation",
            "name": "DHL Packstation/Filiale",
            "gross": "3.90",
            "delivery_time": "2–3 Werktage",
        },
    ],
)
SENDCLOUD_RATES_CACHE_SECONDS = min(env.int("SENDCLOUD_RATES_CACHE_SECONDS", default=3600), 3600)
# Sendcloud method used for orders shipped with a flat rate (no Sendcloud offer chosen).
SENDCLOUD_DEFAULT_METHOD_ID = env.str("SENDCLOUD_DEFAULT_METHOD_ID", default="8")
# Parcel creation retries: base * 2^n seconds, capped, at least the provider's Retry-After.
SHIPPING_PARCEL_MAX_RETRIES = env.int("SHIPPING_PARCEL_MAX_RETRIES", default=6)
SHIPPING_RETRY_BASE_SECONDS = env.int("SHIPPING_RETRY_BASE_SECONDS", default=30)
SHIPPING_RETRY_MAX_SECONDS = env.int("SHIPPING_RETRY_MAX_SECONDS", default=3600)

# --- B2B purchase on account ---
INVOICE_DEFAULT_TERMS_DAYS = env.int("INVOICE_DEFAULT_TERMS_DAYS", default=14)
# An invoice issued before shipment (prepaid) states delivery "expected by" issue date + this many days.
INVOICE_DELIVERY_WITHIN_DAYS = env.int("INVOICE_DELIVERY_WITHIN_DAYS", default=5)


# Credentials a real installation must set; the postback token is the only secret in Vendo's callback URL.
REQUIRED_PROVIDER_CREDENTIALS = tuple(SANDBOX_CREDENTIALS)
MIN_POSTBACK_TOKEN_LENGTH = 24
LOOPBACK_PROVIDER_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "testserver"})


def _sandbox_url_reason(url: str, sandbox_mount: str) -> str:
    from urllib.parse import urlsplit

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


def refuse_sandbox_providers(values: dict) -> None:
    """Production refuses to start on sandbox providers, unless the installation opted in.

    Without this, a deployment that forgot one variable would run on the published sandbox
    postback token and answer Vendo's callbacks on a guessable URL.
    """
    if values["PROVIDERS_SANDBOX_ALLOWED"]:
        return
    if problems := sandbox_problems(values):
        raise ImproperlyConfigured(
            "Production settings refuse sandbox or missing provider settings: "
            + "; ".join(problems)
            + ". Set the real values (docs/integrations.md), or PROVIDERS_SANDBOX_ALLOWED=true for an "
            "installation that deliberately runs against the sandboxes (staging, local compose)."
        )


if PROVIDERS_LIVE and PROVIDERS_SANDBOX_ALLOWED:
    raise ImproperlyConfigured("PROVIDERS_LIVE=true and PROVIDERS_SANDBOX_ALLOWED=true contradict each other.")
if PROVIDERS_LIVE and (_sandboxed := sandbox_settings_in_use(globals())):
    raise ImproperlyConfigured(
        "PROVIDERS_LIVE=true but these provider settings still use the sandbox: " + ", ".join(_sandboxed)
    )
