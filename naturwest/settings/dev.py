"""Laptop settings: the embedded default of `make run` (SQLite, locmem cache, eager Celery, sandboxes).

Values are overridden after base (never by writing os.environ), so subprocesses started by
tests see the real environment, not the dev defaults.
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = env.str("DEV_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

VAR_DIR.mkdir(exist_ok=True)
# The demo shop and its seed_demo command (`make run` seeds it); production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Dev-only WSGI entry point that also mounts the provider sandboxes under /_sandbox/.
WSGI_APPLICATION = "naturwest.wsgi_dev.application"
# The shop's 404 page instead of Django's technical one (which lists every URL pattern).
MIDDLEWARE = [*MIDDLEWARE, "naturwest.middleware.DebugShopNotFoundMiddleware"]
