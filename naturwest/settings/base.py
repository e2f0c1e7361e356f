"""Base settings: production-safe defaults, every varying value from the environment.

dev.py loosens these for a laptop; production.py only adds what needs a real deployment.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from naturwest.cache import redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Naturwest"
# Django's own admin stays reachable for superusers only, away from the default path.
DJANGO_ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="django-admin-7f3c/")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "content",
    "catalog",
    "commerce",
    "commerce.companies",
    "commerce.cart",
    "commerce.checkout",
    "commerce.promotions",
    "commerce.customers",
    "commerce.orders",
    "commerce.pricing",
    "commerce.shipping",
    "commerce.notifications",
    "integrations",
    "assistant",
    "naturwest",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "rest_framework",
    "corsheaders",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "django_celery_beat",
    "storages",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.strategy: the buyer's prices, resolved on first use (commerce/pricing/strategy.py).
    "commerce.pricing.strategy.PricingStrategyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "naturwest.middleware.AdminFrameOptionsMiddleware",
    # request.priced_cart: the cart priced once, lazily, for the cart pages (commerce/checkout/priced.py).
    "commerce.checkout.middleware.PricedCartMiddleware",
    # Responses for signed-in visitors and sessions with a cart: Cache-Control private, no-cache.
    "naturwest.middleware.PrivateResponseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Wagtail's preview runs the page through this chain; only it may be framed by the admin.
    "naturwest.middleware.PreviewFramingMiddleware",
    # Anonymous storefront HTML from the cache, before Wagtail routes (naturwest/caching.py).
    "naturwest.caching.PageHTMLCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Axes last, as its docs require.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "naturwest.urls"
WSGI_APPLICATION = "naturwest.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'naturwest.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # SQLite waits for a busy writer instead of failing at once (threaded dev server, eager tasks).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery ----------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fail soft: a slow or missing Redis degrades to cache misses (and unenforced rate limits), not errors.
    CACHES = {"default": redis_cache(REDIS_URL)}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "naturwest",
        }
    }
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
# Enqueueing happens inside the web request (transaction.on_commit), so it must fail fast when the
# broker is down: one connect attempt of at most a second plus one quick retry, then the caller logs
# it and the outbox sweep (requeue_unsent_notifications) delivers later. Tasks are fire-and-forget:
# no result backend is consulted when a task is queued (naturwest.ping opts back in).
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BEAT_SCHEDULE: dict = {}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Auth -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Admin login rate limiting: lock a user+IP pair after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- I18n -------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="de")
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
GS_BUCKET_NAME = env.str("GS_BUCKET_NAME", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if GS_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.gcloud.GoogleCloudStorage",
        "OPTIONS": {
            "bucket_name": GS_BUCKET_NAME,
            "project_id": env.str("GS_PROJECT_ID", default=None),
            "default_acl": env.str("GS_DEFAULT_ACL", default="publicRead"),
            "querystring_auth": False,
        },
    }
    MEDIA_URL = env.str("MEDIA_URL", default=f"https://storage.googleapis.com/{GS_BUCKET_NAME}/")

# Private documents (invoices, shipping labels, …): never under MEDIA_URL, only through views that
# check permission (commerce.orders.private_documents). Locally a directory outside MEDIA_ROOT; in
# production a bucket of its own with uniform bucket-level access and no public grant.
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
GS_PRIVATE_BUCKET_NAME = env.str("GS_PRIVATE_BUCKET_NAME", default="")
# > 0: after the check, redirect to a signed URL valid this long instead of streaming through the app.
PRIVATE_DOCUMENT_URL_SECONDS = env.int("PRIVATE_DOCUMENT_URL_SECONDS", default=0)
STORAGES["private"] = {"BACKEND": "commerce.orders.private_documents.PrivateFileSystemStorage"}
if GS_PRIVATE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.gcloud.GoogleCloudStorage",
        "OPTIONS": {
            "bucket_name": GS_PRIVATE_BUCKET_NAME,
            "project_id": env.str("GS_PROJECT_ID", default=None),
            "default_acl": None,  # uniform bucket-level access: the bucket's IAM decides, and it grants no one
            "querystring_auth": True,
            "expiration": timedelta(seconds=max(PRIVATE_DOCUMENT_URL_SECONDS, 1)),
            "file_overwrite": False,
            "iam_sign_blob": env.bool("GS_IAM_SIGN_BLOB", default=False),
        },
    }

# --- Email ------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Naturwest <shop@naturwest.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
STAFF_ALERT_EMAILS = env.list("STAFF_ALERT_EMAILS", default=[])
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production-safe by default) ----------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000  # the Wagtail page editor posts large forms

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"

# Our own origin only. The Wagtail admin ships inline styles and scripts, so it
# gets a looser policy of its own (see naturwest.middleware).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", f"/{DJANGO_ADMIN_PATH}"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE: added only on responses that used request.csp_nonce (JSON-LD script tags).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([MEDIA_URL] if MEDIA_URL.startswith("http") else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Wagtail ----------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would send a hash of every editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Sentry (only when configured) ------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:  # pragma: no cover - needs a DSN
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# --- Orders -----------------------------------------------------------------
# Unpaid (prepayment) orders are cancelled and their stock released after this many hours.
ORDER_PAYMENT_TIMEOUT_HOURS = env.int("ORDER_PAYMENT_TIMEOUT_HOURS", default=48)
CELERY_BEAT_SCHEDULE["orders.expire_unpaid_orders"] = {
    "task": "commerce.orders.expire_unpaid_orders",
    "schedule": 15 * 60,
}
CELERY_BEAT_SCHEDULE["notifications.requeue_unsent_notifications"] = {
    "task": "commerce.notifications.requeue_unsent_notifications",
    "schedule": 10 * 60,
}
CELERY_BEAT_SCHEDULE["orders.send_low_stock_report"] = {
    "task": "commerce.orders.send_low_stock_report",
    "schedule": crontab(hour=7, minute=0),
}

# --- Cart, promo codes, checkout (docs/cart.md, docs/checkout.md, docs/promotions.md) ---------
CELERY_BEAT_SCHEDULE["cart.delete_expired_carts"] = {
    "task": "commerce.cart.delete_expired_carts",
    "schedule": crontab(hour=3, minute=30),
}
PROMO_CODE_MAX_FAILED_ATTEMPTS = env.int("PROMO_CODE_MAX_FAILED_ATTEMPTS", default=10)
PROMO_CODE_ATTEMPT_WINDOW_SECONDS = env.int("PROMO_CODE_ATTEMPT_WINDOW_SECONDS", default=600)
PREPAYMENT_BANK_ACCOUNT = {
    "holder": env.str("BANK_ACCOUNT_HOLDER", default="Naturwest GmbH"),
    "iban": env.str("BANK_IBAN", default="DE02 1203 0000 0000 2020 51"),
    "bic": env.str("BANK_BIC", default="BYLADEM1001"),
    "bank": env.str("BANK_NAME", default="Deutsche Kreditbank"),
}
CELERY_BEAT_SCHEDULE["payments.reconcile_pending_payments"] = {
    "task": "integrations.payments.reconcile_pending_payments",
    "schedule": 15 * 60,
}
CELERY_BEAT_SCHEDULE["orders.send_invoice_reminders"] = {
    "task": "commerce.orders.send_invoice_reminders",
    "schedule": crontab(hour=8, minute=30),
}

# --- Feature switches -------------------------------------------------------
# Extra URL for `make bench`: a hello-world view served by the same process.
BENCHMARK_ENDPOINTS = env.bool("BENCHMARK_ENDPOINTS", default=False)

from .accounts import *  # noqa: E402,F403
from .providers import *  # noqa: E402,F403

# --- Seller details printed on invoices and emails (German invoice requirements, §14 UStG) ------
SHOP_LEGAL_NAME = env.str("SHOP_LEGAL_NAME", default="Naturwest GmbH")
SHOP_ADDRESS = env.list("SHOP_ADDRESS", default=["Naturweg 1", "10115 Berlin", "Deutschland"])
SHOP_VAT_ID = env.str("SHOP_VAT_ID", default="DE136695976")
SHOP_TAX_NUMBER = env.str("SHOP_TAX_NUMBER", default="")
SHOP_TRADE_REGISTER = env.str("SHOP_TRADE_REGISTER", default="")
SHOP_EMAIL = env.str("SHOP_EMAIL", default="shop@naturwest.example")
# First values of the seller identity (Wagtail admin → Settings → Seller identity); the admin wins afterwards.
SHOP_LEGAL_FORM = env.str("SHOP_LEGAL_FORM", default="GmbH")
SHOP_COUNTRY = env.str("SHOP_COUNTRY", default="DE")
SHOP_PHONE = env.str("SHOP_PHONE", default="")
SHOP_MANAGING_DIRECTORS = env.str("SHOP_MANAGING_DIRECTORS", default="")
SHOP_REGISTER_COURT = env.str("SHOP_REGISTER_COURT", default="")
SHOP_REGISTER_NUMBER = env.str("SHOP_REGISTER_NUMBER", default="")

# --- Online withdrawal function (Art. 11a Directive 2011/83/EU) -----------------------------------------
WITHDRAWAL_PERIOD_DAYS = 14
WITHDRAWAL_REFUND_DAYS = 14
