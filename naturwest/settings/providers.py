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

from integrations.provider_config import (
    SANDBOX_CREDENTIALS,
    sandbox_problems,
    sandbox_settings_in_use,
)

from .base import SITE_URL, env

SANDBOX_MOUNT = f"{SITE_URL}/_sandbox"

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
VENDO_TIMEOUT = env.float("VENDO_TIMEOUT", default=30.0)  # keep at least 30 s for the gateway
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

# --- Shipping offers at checkout: the shipping zones' rates name their Sendcloud method id (docs/shipping.md) ---
SENDCLOUD_RATES_CACHE_SECONDS = min(env.int("SENDCLOUD_RATES_CACHE_SECONDS", default=3600), 3600)
# Sendcloud method for orders whose offer was made without Sendcloud (unreachable at checkout).
SENDCLOUD_DEFAULT_METHOD_ID = env.str("SENDCLOUD_DEFAULT_METHOD_ID", default="8")
# Parcel creation retries: base * 2^n seconds, capped, at least the provider's Retry-After.
SHIPPING_PARCEL_MAX_RETRIES = env.int("SHIPPING_PARCEL_MAX_RETRIES", default=6)
SHIPPING_RETRY_BASE_SECONDS = env.int("SHIPPING_RETRY_BASE_SECONDS", default=30)
SHIPPING_RETRY_MAX_SECONDS = env.int("SHIPPING_RETRY_MAX_SECONDS", default=3600)

# --- B2B purchase on account ---
INVOICE_DEFAULT_TERMS_DAYS = env.int("INVOICE_DEFAULT_TERMS_DAYS", default=14)
# An invoice issued before shipment (prepaid) states delivery "expected by" issue date + this many days.
INVOICE_DELIVERY_WITHIN_DAYS = env.int("INVOICE_DELIVERY_WITHIN_DAYS", default=5)


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
