"""Test settings: dev settings, made fast and deterministic. DATABASE_URL/REDIS_URL still apply (CI)."""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process unless a test starts a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "commerce.orders.private_documents.PrivateFileSystemStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "default"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
DEBUG = False
MEDIA_ROOT = str(VAR_DIR / "test-media")
PRIVATE_MEDIA_ROOT = str(VAR_DIR / "test-private")
GS_PRIVATE_BUCKET_NAME = ""
PRIVATE_DOCUMENT_URL_SECONDS = 0
WHITENOISE_AUTOREFRESH = True
# One in-memory cache per test process, even when REDIS_URL is set: xdist workers share the Redis
# database, so one worker's cache.clear() (FLUSHDB) and its cached site root paths (page ids of its
# own test database) leaked into the other's tests. Redis itself is tested through `redis_url`.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "naturwest-test"}}
# Providers left unconfigured by a test get "connection refused", never an answer from whatever
# happens to run on the dev port (a `make run` next door serves the sandboxes there). Tests that
# talk to a provider start their own sandbox (integrations/tests/sandboxes.py) and point these at it.
# The path keeps "/_sandbox/", so the settings still count as sandbox settings; the service-point
# URL stays derived from SENDCLOUD_BASE_URL (a test's own sandbox serves both).
CLOSED_PROVIDER_URL = "http://127.0.0.1:9"
VENDO_BASE_URL = f"{CLOSED_PROVIDER_URL}/_sandbox/vendo"
SENDCLOUD_BASE_URL = f"{CLOSED_PROVIDER_URL}/_sandbox/sendcloud"
