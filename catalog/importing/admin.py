"""The product import in the Wagtail admin: upload → preview of changes → confirm.

The uploaded file is kept in the private storage (never under MEDIA_URL: it is staff working data)
between preview and confirm; the session holds only its token, so the confirmed import runs
exactly the file that was previewed.
Hooks live here (not in catalog/wagtail_hooks.py) and are loaded by one import line there.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog.importing.service import import_products

PERMISSION = "catalog.add_productvariant"
SESSION_KEY = "catalog_product_import"
STORAGE_DIR = "product-imports"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def pending_files():
    return storages["private"]


class ProductImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, comma-separated, with a header row. See docs/import.md for the columns."),
    )
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Skip invalid rows"),
        required=False,
        help_text=gettext_lazy("Import the valid products even if some rows are invalid."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Please upload a .csv file."))
        return upload


def _check_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _context(**extra):
    return {"page_title": _("Product import"), "header_title": _("Product import"), "header_icon": "upload", **extra}


def _stored_path(token: str) -> str:
    return f"{STORAGE_DIR}/{token}.csv"


@require_http_methods(["GET", "POST"])
def upload(request):
    """Show the form; on upload store the file and show what the import would change."""
    _check_permission(request)
    form = ProductImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            report = import_products(content, dry_run=True)
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 encoded."))
        else:
            _discard_pending(request)
            token = secrets.token_urlsafe(16)
            pending_files().save(_stored_path(token), ContentFile(content))
            request.session[SESSION_KEY] = {
                "token": token,
                "name": form.cleaned_data["file"].name,
                "skip_invalid": form.cleaned_data["skip_invalid"],
            }
            can_import = not report.errors or form.cleaned_data["skip_invalid"]
            return render(
                request,
                "catalog/importing/preview.html",
                _context(report=report, token=token, can_import=can_import, pending=request.session[SESSION_KEY]),
            )
    return render(request, "catalog/importing/upload.html", _context(form=form))


@require_http_methods(["POST"])
def confirm(request):
    """Run the previewed file for real; the token must match the one in this session."""
    _check_permission(request)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(request, _("This import preview has expired. Please upload the file again."))
        return redirect("catalog_product_import")
    stored = _stored_path(pending["token"])
    with pending_files().open(stored, "rb") as handle:
        content = handle.read()
    report = import_products(content, skip_invalid=pending["skip_invalid"])
    _discard_pending(request)
    if report.written:
        messages.success(request, _("Import finished: %(summary)s.") % {"summary": report.summary})
    else:
        messages.error(request, _("Nothing was imported: %(summary)s.") % {"summary": report.summary})
    return redirect("catalog_product_import")


def _discard_pending(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        pending_files().delete(_stored_path(pending["token"]))


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("product-import/", upload, name="catalog_product_import"),
        path("product-import/confirm/", confirm, name="catalog_product_import_confirm"),
    ]


class ProductImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return ProductImportMenuItem(
        gettext_lazy("Product import"), reverse("catalog_product_import"), icon_name="upload", order=900
    )
