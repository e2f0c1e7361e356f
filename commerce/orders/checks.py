"""System checks that keep private documents (invoices, labels) away from everything served publicly.

orders.E001: the local private directory lies inside a served directory (MEDIA_ROOT, STATIC_ROOT,
STATICFILES_DIRS) or contains one, so `/media/…` or `/static/…` could reach an invoice.
orders.E002: PRIVATE_DOCUMENT_URL_SECONDS asks for signed URLs, but the private storage is a local
directory, which cannot sign any.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage

from .private_documents import private_storage


def served_directories() -> list[Path]:
    roots = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    return [Path(root).resolve() for root in roots if root]


@register(Tags.security)
def check_private_storage(app_configs=None, **kwargs) -> list[Error]:
    storage = private_storage()
    if not isinstance(storage, FileSystemStorage):
        return []
    errors = []
    private_root = Path(storage.location).resolve()
    for served in served_directories():
        if private_root.is_relative_to(served) or served.is_relative_to(private_root):
            errors.append(
                Error(
                    f"The private documents directory {private_root} overlaps the publicly served {served}.",
                    hint="Set PRIVATE_MEDIA_ROOT outside MEDIA_ROOT and STATIC_ROOT (default: var/private).",
                    id="orders.E001",
                )
            )
    if settings.PRIVATE_DOCUMENT_URL_SECONDS:
        errors.append(
            Error(
                "PRIVATE_DOCUMENT_URL_SECONDS is set, but private documents are in a local directory.",
                hint="Signed URLs need GS_PRIVATE_BUCKET_NAME; leave PRIVATE_DOCUMENT_URL_SECONDS at 0 to stream.",
                id="orders.E002",
            )
        )
    return errors
