"""Production: base settings plus a hard refusal to run with a weak secret or on sandbox providers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import GS_BUCKET_NAME, GS_PRIVATE_BUCKET_NAME, SECRET_KEY, env
from .providers import refuse_sandbox_providers

MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARS = 5


def _check_secret_key(key: str) -> None:
    """Refuse to start with a missing, short, or well-known key rather than sign sessions with it."""
    if not key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    weak = (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARS
        or key.startswith(("django-insecure", "dev-only-insecure"))
    )
    if weak:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )


_check_secret_key(SECRET_KEY)


def _check_private_bucket(public_bucket: str, private_bucket: str) -> None:
    """With media in a public bucket, invoices and labels need a private bucket of their own: on the
    container's disk they would be lost with the container, in the public bucket readable by anyone."""
    if public_bucket and not private_bucket:
        raise ImproperlyConfigured(
            "GS_BUCKET_NAME is set but GS_PRIVATE_BUCKET_NAME is not: invoices and shipping labels need a "
            "private bucket (uniform bucket-level access, no public access)."
        )
    if private_bucket and private_bucket == public_bucket:
        raise ImproperlyConfigured(
            "GS_PRIVATE_BUCKET_NAME must not be the public media bucket GS_BUCKET_NAME: its objects are publicRead."
        )


_check_private_bucket(GS_BUCKET_NAME, GS_PRIVATE_BUCKET_NAME)

DEBUG = False
if not env.list("ALLOWED_HOSTS", default=[]):
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set, e.g. ALLOWED_HOSTS=shop.naturwest.de")

refuse_sandbox_providers(globals())
