"""Private documents (invoices, shipping labels, and later credit notes, packing slips, data exports).

They hold names, addresses, VAT IDs and B2B prices, so they never live in the public media storage:
they go to the `private` storage alias (a directory outside MEDIA_ROOT locally, a private bucket in
production), under names with a random token, and are only ever handed out by a view that has
checked `may_view_order_document` and answers through `serve_private_document`.
"""

from __future__ import annotations

import logging
import posixpath
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "private"
TOKEN_BYTES = 24  # 192 random bits in every object name

# Who on the staff may read each kind of document. A label shows nothing the order page does not.
INVOICE_PERMISSION = "orders.view_invoice"
LABEL_PERMISSION = "orders.view_order"


def private_storage():
    """The storage of every private document; a callable, so migrations do not record the backend."""
    return storages[STORAGE_ALIAS]


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private storage: PRIVATE_MEDIA_ROOT, and no URL at all (nothing serves that directory)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private documents have no public URL: link to the view that checks permission.")


@deconstructible
class PrivatePath:
    """`upload_to` for private documents: `<prefix, strftime'd>/<random token>/<filename>`.

    The filename stays readable for staff; the token makes the name unguessable even if a
    storage path ever became reachable.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        directory = timezone.localtime().strftime(self.prefix)
        return unguessable_name(directory, posixpath.basename(filename))

    def __eq__(self, other) -> bool:
        return isinstance(other, PrivatePath) and other.prefix == self.prefix


def unguessable_name(directory: str, filename: str) -> str:
    return posixpath.join(directory, secrets.token_urlsafe(TOKEN_BYTES), filename)


def may_view_order_document(user, order, *, staff_permission: str, for_customers: bool = True) -> bool:
    """The one rule for every private document of an order.

    Staff with `staff_permission` (e.g. `orders.view_invoice`) may; customers may when the order is
    visible to them (their own order, or an order of their company by the order's own `company`),
    unless the document is for staff only (`for_customers=False`, e.g. shipping labels).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.has_perm(staff_permission):
        return True
    if not for_customers:
        return False
    from .access import orders_visible_to

    return orders_visible_to(user).filter(pk=order.pk).exists()


def serve_private_document(document: FieldFile, *, filename: str, content_type: str = "application/pdf"):
    """The answer for a reader the caller has already checked: the file streamed by the app, or (when
    PRIVATE_DOCUMENT_URL_SECONDS is set and the storage signs URLs) a redirect to a short-lived signed
    URL. Never cached by browsers or proxies; a missing file is a 404, not a 500.
    """
    if not document:
        raise Http404
    storage = document.storage
    disposition = content_disposition_header(True, filename)
    seconds = settings.PRIVATE_DOCUMENT_URL_SECONDS
    if seconds:
        if not storage.exists(document.name):
            raise Http404
        url = storage.url(
            document.name,
            parameters={
                "expiration": timedelta(seconds=seconds),
                "response_disposition": disposition,
                "response_type": content_type,
            },
        )
        response: HttpResponse = HttpResponseRedirect(url)
    else:
        try:
            handle = storage.open(document.name, "rb")
        except FileNotFoundError:
            logger.warning("private document missing from storage: %s", document.name)
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_to_private_storage(model, field_name: str, *, source: str = "default", target: str = STORAGE_ALIAS) -> int:
    """Move every file of `model.field_name` from storage `source` to `target` under a new unguessable
    name; used by the data migrations (and backwards, with the aliases swapped, keeping the names).

    Row by row and safe to re-run: a file already in the target is left alone, a file missing from
    both is logged and its row kept (an invoice is re-rendered from its snapshot on the next download).
    Copy, then point the row at the copy, then delete the original: a crash never loses a file.
    """
    source_storage, target_storage = storages[source], storages[target]
    moved = 0
    rows = list(model._default_manager.exclude(**{field_name: ""}).values_list("pk", field_name))
    for pk, name in rows:
        if target_storage.exists(name):
            continue
        if not source_storage.exists(name):
            logger.warning("%s %s: file %s is missing, row left unchanged", model.__name__, pk, name)
            continue
        new_name = unguessable_name(*posixpath.split(name)) if target == STORAGE_ALIAS else name
        with source_storage.open(name, "rb") as handle:
            new_name = target_storage.save(new_name, handle)
        model._default_manager.filter(pk=pk).update(**{field_name: new_name})
        source_storage.delete(name)
        moved += 1
    return moved
