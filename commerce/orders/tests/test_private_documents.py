"""Invoices are private documents: stored outside the public media, handed out only after the rule allows it.

The matrix: anonymous, another customer, another company's buyer and a staff member without the
invoice permission get nothing from any invoice URL (the customer download, the staff download and
the raw storage path); the owner, a colleague of the same company and staff with `orders.view_invoice`
get the PDF.
"""

from __future__ import annotations

import importlib
import posixpath

import pytest
from django.apps import apps as global_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from commerce.companies.models import CompanyMembership
from commerce.orders import checks
from commerce.orders.invoices import invoice_pdf_bytes
from commerce.orders.models import Invoice
from commerce.orders.private_documents import (
    TOKEN_BYTES,
    may_view_order_document,
    move_to_private_storage,
    private_storage,
    serve_private_document,
)
from commerce.orders.services import mark_paid
from testing.factories import CompanyFactory, make_staff

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def customer(name):
        return django_user_model.objects.create_user(name, f"{name}@example.com", "pw-123456789")

    everyone = {name: customer(name) for name in ["owner", "other_customer", "buyer", "colleague", "foreign_buyer"]}
    kontor = CompanyFactory(name="Kontor", vat_id="DE136695976")
    laden = CompanyFactory(name="Laden", vat_id="DE129273398")
    CompanyMembership.objects.create(user=everyone["buyer"], company=kontor)
    CompanyMembership.objects.create(user=everyone["colleague"], company=kontor)
    CompanyMembership.objects.create(user=everyone["foreign_buyer"], company=laden)
    everyone["staff_without_permission"] = make_staff("ops_new", "access_admin", "view_order")
    everyone["invoice_staff"] = make_staff("ops", "access_admin", "view_order", "view_invoice")
    everyone["kontor"] = kontor
    return everyone


@pytest.fixture
def invoices(people, document_roots, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b2c = order_for(make_variant(), user=people["owner"], email="owner@example.com")
        b2b = order_for(
            make_variant(),
            user=people["buyer"],
            email="buyer@example.com",
            customer_kind="b2b",
            company=people["kontor"],
            company_name="Kontor",
            company_vat_id="DE136695976",
        )
        mark_paid(b2c, actor="system")
        mark_paid(b2b, actor="system")
    return {"b2c": Invoice.objects.get(order=b2c), "b2b": Invoice.objects.get(order=b2b)}


def _customer_url(invoice):
    return reverse("orders:invoice", args=[invoice.order.uuid])


def _staff_url(invoice):
    return reverse("orders_order:invoice", args=[invoice.order.pk])


def _raw_urls(invoice):
    """Where the file would be if it were in the public media: its own name and the old guessable one."""
    year = invoice.issued_at.year
    return [f"/media/{invoice.pdf.name}", f"/media/invoices/{year}/{invoice.filename}"]


def _directives(cache_control: str) -> set[str]:
    return {directive.strip() for directive in cache_control.split(",")}


def _body(response) -> bytes:
    return response.getvalue() if response.streaming else response.content


# --- storage ----------------------------------------------------------------------------------------


def test_an_issued_invoice_is_in_the_private_storage_under_an_unguessable_name(invoices, document_roots):
    invoice = invoices["b2b"]

    directory, token, filename = invoice.pdf.name.rsplit("/", 2)
    assert invoice.pdf.storage is private_storage()
    assert (directory, filename) == (f"invoices/{invoice.issued_at.year}", invoice.filename)
    assert len(token) >= TOKEN_BYTES
    assert (document_roots.private / invoice.pdf.name).read_bytes().startswith(b"%PDF")
    assert not document_roots.media.exists() or not any(document_roots.media.rglob("*.pdf"))


def test_two_invoices_never_share_a_directory_token(invoices):
    tokens = {invoice.pdf.name.rsplit("/", 2)[1] for invoice in invoices.values()}

    assert len(tokens) == 2


def test_the_private_storage_has_no_public_url(invoices):
    with pytest.raises(ValueError, match="no public URL"):
        invoices["b2c"].pdf.url  # noqa: B018


# --- who gets nothing --------------------------------------------------------------------------------

CUSTOMER_DENIALS = [
    ("b2c", None),
    ("b2c", "other_customer"),
    ("b2c", "buyer"),
    ("b2c", "foreign_buyer"),
    ("b2c", "staff_without_permission"),
    ("b2b", None),
    ("b2b", "other_customer"),
    ("b2b", "owner"),
    ("b2b", "foreign_buyer"),
    ("b2b", "staff_without_permission"),
]


@pytest.mark.parametrize(("kind", "who"), CUSTOMER_DENIALS)
def test_the_customer_download_gives_strangers_nothing(client, people, invoices, kind, who):
    invoice = invoices[kind]
    if who:
        client.force_login(people[who])

    response = client.get(_customer_url(invoice))

    if who is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404
    assert b"%PDF" not in _body(response)


@pytest.mark.parametrize("kind", ["b2c", "b2b"])
@pytest.mark.parametrize("who", [None, "owner", "buyer", "colleague", "foreign_buyer", "staff_without_permission"])
def test_the_staff_download_needs_the_invoice_permission(client, people, invoices, kind, who):
    if who:
        client.force_login(people[who])

    response = client.get(_staff_url(invoices[kind]))

    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to the admin login, or (staff) back to the dashboard with a message
        assert response["Location"].split("?")[0] in (reverse("wagtailadmin_login"), reverse("wagtailadmin_home"))
    assert b"%PDF" not in _body(response)


@pytest.mark.parametrize("who", [None, "owner", "invoice_staff"])
def test_the_raw_storage_path_is_not_served(client, people, invoices, who):
    if who:
        client.force_login(people[who])

    for invoice in invoices.values():
        for url in _raw_urls(invoice):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"%PDF" not in _body(response)


def test_the_dev_server_media_serving_cannot_reach_invoices(client, invoices, document_roots, dev_media_serving):
    public = default_storage.save("public/hello.txt", ContentFile(b"public"))

    served = client.get(f"/media/{public}")

    assert (served.status_code, b"".join(served.streaming_content)) == (200, b"public")  # the serving is on
    for invoice in invoices.values():
        for url in [*_raw_urls(invoice), f"/media/../private/{invoice.pdf.name}"]:
            response = client.get(url)
            assert response.status_code in (400, 404), url
            assert b"%PDF" not in _body(response)


# --- who gets the PDF ------------------------------------------------------------------------------------

CUSTOMER_READERS = [("b2c", "owner"), ("b2b", "buyer"), ("b2b", "colleague"), ("b2c", "invoice_staff")]


def _assert_pdf(response, invoice):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.filename}"'
    assert {"private", "no-store"} <= _directives(response["Cache-Control"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.getvalue().startswith(b"%PDF")


@pytest.mark.parametrize(("kind", "who"), CUSTOMER_READERS)
def test_owner_colleague_and_invoice_staff_download_the_pdf(client, people, invoices, kind, who):
    client.force_login(people[who])

    response = client.get(_customer_url(invoices[kind]))

    _assert_pdf(response, invoices[kind])


@pytest.mark.parametrize("kind", ["b2c", "b2b"])
def test_invoice_staff_download_the_pdf_from_the_admin(client, people, invoices, kind):
    client.force_login(people["invoice_staff"])

    response = client.get(_staff_url(invoices[kind]))

    _assert_pdf(response, invoices[kind])


def test_a_lost_file_is_rendered_again_from_the_snapshot(client, people, invoices, document_roots):
    invoice = invoices["b2c"]
    (document_roots.private / invoice.pdf.name).unlink()
    client.force_login(people["owner"])

    response = client.get(_customer_url(invoice))

    invoice.refresh_from_db()
    _assert_pdf(response, invoice)
    assert (document_roots.private / invoice.pdf.name).exists()


def test_the_colleague_rule_follows_the_orders_company_not_the_buyers(people, invoices):
    """A buyer who moved to another company keeps no access to the old company's invoices through it."""
    order = invoices["b2b"].order
    CompanyMembership.objects.filter(user=people["colleague"]).update(
        company=CompanyFactory(name="Neu", vat_id="DE811907980")
    )

    allowed = {
        who: may_view_order_document(people[who], order, staff_permission="orders.view_invoice")
        for who in ["buyer", "colleague", "foreign_buyer", "owner"]
    }

    assert allowed == {"buyer": True, "colleague": False, "foreign_buyer": False, "owner": False}


def test_staff_only_documents_are_refused_to_the_customer(people, invoices):
    order = invoices["b2c"].order
    rule = {"staff_permission": "orders.view_order", "for_customers": False}

    assert not may_view_order_document(people["owner"], order, **rule)
    assert may_view_order_document(people["invoice_staff"], order, **rule)


# --- signed URLs (production with a private bucket) ----------------------------------------------------


class SigningStorage:
    """Stands in for the private GCS bucket: remembers what it was asked to sign."""

    def __init__(self, names):
        self.names, self.signed = names, []

    def exists(self, name):
        return name in self.names

    def url(self, name, parameters=None):
        self.signed.append((name, parameters))
        return f"https://storage.example/{name}?X-Goog-Signature=abc"


class StoredFile:
    def __init__(self, name, storage):
        self.name, self.storage = name, storage

    def __bool__(self):
        return bool(self.name)


def test_with_signed_urls_the_checked_reader_is_redirected_to_a_short_lived_url(settings):
    settings.PRIVATE_DOCUMENT_URL_SECONDS = 60
    storage = SigningStorage({"invoices/2026/tok/RE-2026-000001.pdf"})

    response = serve_private_document(
        StoredFile("invoices/2026/tok/RE-2026-000001.pdf", storage), filename="RE-2026-000001.pdf"
    )

    [(name, parameters)] = storage.signed
    assert response.status_code == 302
    assert response["Location"] == "https://storage.example/invoices/2026/tok/RE-2026-000001.pdf?X-Goog-Signature=abc"
    assert response["Cache-Control"] == "private, no-store"
    assert name == "invoices/2026/tok/RE-2026-000001.pdf"
    assert parameters["expiration"].total_seconds() == 60
    assert parameters["response_disposition"] == 'attachment; filename="RE-2026-000001.pdf"'
    assert parameters["response_type"] == "application/pdf"


def test_with_signed_urls_a_missing_file_is_not_found_and_nothing_is_signed(settings):
    from django.http import Http404

    settings.PRIVATE_DOCUMENT_URL_SECONDS = 60
    storage = SigningStorage(set())

    with pytest.raises(Http404):
        serve_private_document(StoredFile("invoices/2026/tok/gone.pdf", storage), filename="gone.pdf")
    assert storage.signed == []


# --- configuration checks --------------------------------------------------------------------------------


def test_a_private_directory_inside_the_media_root_is_a_system_check_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media" / "private")

    assert [error.id for error in checks.check_private_storage()] == ["orders.E001"]


def test_the_default_private_directory_passes_the_check(document_roots):
    assert checks.check_private_storage() == []


def test_signed_urls_from_a_local_directory_are_a_system_check_error(document_roots, settings):
    settings.PRIVATE_DOCUMENT_URL_SECONDS = 60

    assert [error.id for error in checks.check_private_storage()] == ["orders.E002"]


# --- the data migration ----------------------------------------------------------------------------------


def _migration(name: str):
    return importlib.import_module(f"commerce.orders.migrations.{name}")


def _historical_apps(app_label: str, migration: str):
    return MigrationExecutor(connection).loader.project_state((app_label, migration)).apps


def test_the_migration_moves_a_public_invoice_to_the_private_storage(invoices, document_roots):
    invoice = invoices["b2b"]
    content = invoice_pdf_bytes(invoice)
    old_name = default_storage.save(f"invoices/2026/{invoice.filename}", ContentFile(content))
    private_storage().delete(invoice.pdf.name)
    Invoice.objects.filter(pk=invoice.pk).update(pdf=old_name)

    _migration("0006_move_invoice_pdfs_to_private_storage").to_private(
        _historical_apps("orders", "0006_move_invoice_pdfs_to_private_storage"), None
    )

    invoice.refresh_from_db()
    directory, token, filename = invoice.pdf.name.rsplit("/", 2)
    assert (directory, filename) == ("invoices/2026", invoice.filename)
    assert len(token) >= TOKEN_BYTES
    assert private_storage().open(invoice.pdf.name).read() == content
    assert not default_storage.exists(old_name)
    assert not (document_roots.media / old_name).exists()


def test_the_migration_keeps_rows_whose_file_is_missing_and_skips_moved_ones(invoices, document_roots):
    lost, moved = invoices["b2c"], invoices["b2b"]
    Invoice.objects.filter(pk=lost.pk).update(pdf="invoices/2026/RE-lost.pdf")
    moved_name = moved.pdf.name

    _migration("0006_move_invoice_pdfs_to_private_storage").to_private(
        _historical_apps("orders", "0006_move_invoice_pdfs_to_private_storage"), None
    )

    assert Invoice.objects.get(pk=lost.pk).pdf.name == "invoices/2026/RE-lost.pdf"
    assert Invoice.objects.get(pk=moved.pk).pdf.name == moved_name
    assert private_storage().exists(moved_name)


def test_the_migration_backwards_puts_the_files_back_into_the_default_storage(invoices, document_roots):
    invoice = invoices["b2c"]
    name, content = invoice.pdf.name, invoice_pdf_bytes(invoice)

    _migration("0006_move_invoice_pdfs_to_private_storage").to_default(
        _historical_apps("orders", "0006_move_invoice_pdfs_to_private_storage"), None
    )

    assert Invoice.objects.get(pk=invoice.pk).pdf.name == name
    assert default_storage.open(name).read() == content
    assert not private_storage().exists(name)


def test_move_to_private_storage_works_on_the_live_model_too(invoices, document_roots):
    """The same function the migrations call, for a later document kind's own migration."""
    invoice = invoices["b2c"]
    Invoice.objects.filter(pk=invoice.pk).update(pdf=default_storage.save("invoices/x/RE.pdf", ContentFile(b"%PDF")))

    assert move_to_private_storage(global_apps.get_model("orders", "Invoice"), "pdf") == 1
    assert posixpath.dirname(posixpath.dirname(Invoice.objects.get(pk=invoice.pk).pdf.name)) == "invoices/x"
    assert storages["private"].exists(Invoice.objects.get(pk=invoice.pk).pdf.name)
