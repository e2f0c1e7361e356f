"""Payment (VendoService) and shipping (Sendcloud) provider settings, all from the environment.

Imported at the end of base.py, so every settings module has them. The defaults point at the
sandboxes the dev server mounts under `{SITE_URL}/_sandbox/<name>` (naturwest/wsgi_dev.py) with
fixed SANDBOX-ONLY credentials: `make run` and the tests need no configuration, and nothing
here can take real money until real credentials are set. Production (wsgi.py) does not mount
the sandboxes.

PROVIDERS_LIVE=true declares "this installation takes real money and ships real parcels": then
any sandbox URL, sandbox credential or Vendo test mode is a fatal configuration error (the
process refuses to start). Without it, a non-DEBUG deployment on a public SITE_URL that still
points at a sandbox gets the deploy check warning integrations.W001 (see integrations/checks.py).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import SITE_URL, env

SANDBOX_MOUNT = f"{SITE_URL}/_sandbox"

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

PROVIDERS_LIVE = env.bool("PROVIDERS_LIVE", default=False)
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
VENDO_TIMEOUT = env.float("VENDO_TIMEOUT", default=30.0)  # the spec asks for at least 30 s
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

# --- Notification handling: the commerce core's receivers (code paths, not environment) ---
PAYMENT_EXPECTATION_LOOKUP = "integrations.payments.services.expected_payment_for"
# Called once per new verified notification, inside the transaction that records it ("" = record only).
PAYMENT_NOTIFICATION_RECEIVER = "integrations.payments.services.receive_payment_notification"
SHIPPING_WEBHOOK_RECEIVER = "integrations.shipping.services.receive_shipping_event"
# Pending orders with money reported by the provider are never expired automatically (see reconciliation.py).
ORDER_EXPIRY_HOLD = "integrations.payments.reconciliation.orders_with_payment_evidence"

# --- Shipping offers at checkout (Sendcloud method id -> the shop's own name and price) ---
# JSON list in the environment; gross prices in EUR, `free_from` = goods gross from which it is free.
SENDCLOUD_OFFERS = env.json(
    "SENDCLOUD_OFFERS",
    default=[
        {"method_id": "8", "name": "DHL Paket", "gross": "4.90", "free_from": "49.00", "delivery_time": "2–3 Werktage"},
        {
            "method_id": "9",
            "name": "DPD Classic",
            "gross": "4.90",
            "free_from": "49.00",
            "delivery_time": "1–3 Werktage",
        },
        {
            "method_id": "10",
            "name": "DHL Packstation/Filiale",
            "gross": "3.90",
            "free_from": "49.00",
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


def sandbox_settings_in_use(values: dict) -> list[str]:
    """Names of provider settings that still point at a sandbox or carry sandbox credentials."""
    found = [
        name
        for name in ("VENDO_BASE_URL", "SENDCLOUD_BASE_URL")
        if "/_sandbox/" in values[name] + "/" or values[name].startswith(values["SANDBOX_MOUNT"])
    ]
    found += [name for name, sandbox_value in SANDBOX_CREDENTIALS.items() if values[name] == sandbox_value]
    if values["VENDO_TEST_MODE"]:
        found.append("VENDO_TEST_MODE")
    return found


if PROVIDERS_LIVE and (_sandboxed := sandbox_settings_in_use(globals())):
    raise ImproperlyConfigured(
        "PROVIDERS_LIVE=true but these provider settings still use the sandbox: " + ", ".join(_sandboxed)
    )
