"""Shipping labels are private documents for staff only: the recipient's name and address never leave
through the public media, and only staff who may view the order download the label."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from commerce.companies.models import CompanyMembership
from commerce.orders.private_documents import TOKEN_BYTES, private_storage
from integrations.sandbox.pdf import label_pdf
from integrations.shipping.models import Shipment, ShipmentStatus
from integrations.tests.shop import vendo_order
from testing.factories import CompanyFactory, make_staff, make_user

pytestmark = pytest.mark.django_db

RECIPIENT = "Erika Muster, Hauptstr. 1, 10115 Berlin"


@pytest.fixture
def people():
    kontor = CompanyFactory(name="Kontor", vat_id="DE136695976")
    everyone = {
        "owner": make_user("owner"),
        "colleague": make_user("colleague"),
        "other_customer": make_user("other_customer"),
        "staff_without_permission": make_staff("ops_new", "access_admin"),
        "order_staff": make_staff("ops", "access_admin", "view_order"),
        "kontor": kontor,
    }
    CompanyMembership.objects.create(user=everyone["owner"], company=kontor)
    CompanyMembership.objects.create(user=everyone["colleague"], company=kontor)
    return everyone


@pytest.fixture
def shipment(people, document_roots):
    order = vendo_order(user=people["owner"], company=people["kontor"], customer_kind="b2b")
    shipment = Shipment.objects.create(
        order=order, reference=order.number, provider_parcel_id="4711", status=ShipmentStatus.LABEL_CREATED
    )
    # The same call create_parcel makes with the carrier's PDF.
    shipment.label.save(f"{shipment.reference}-4711.pdf", ContentFile(label_pdf([RECIPIENT])), save=True)
    return shipment


def _label_url(shipment):
    return reverse("integrations_shipment_label", args=[shipment.pk])


def _body(response) -> bytes:
    return response.getvalue() if response.streaming else response.content


def test_a_label_is_in_the_private_storage_under_an_unguessable_name(shipment, document_roots):
    directory, token, filename = shipment.label.name.rsplit("/", 2)

    assert shipment.label.storage is private_storage()
    assert (directory, filename) == ("shipments/labels", f"{shipment.reference}-4711.pdf")
    assert len(token) >= TOKEN_BYTES
    assert (document_roots.private / shipment.label.name).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("who", [None, "owner", "colleague", "other_customer", "staff_without_permission"])
def test_only_staff_who_may_view_the_order_download_the_label(client, people, shipment, who):
    if who:
        client.force_login(people[who])

    response = client.get(_label_url(shipment))

    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to the admin login, or (staff) back to the dashboard with a message
        assert response["Location"].split("?")[0] in (reverse("wagtailadmin_login"), reverse("wagtailadmin_home"))
    assert b"%PDF" not in _body(response)


def test_order_staff_download_the_label(client, people, shipment):
    client.force_login(people["order_staff"])

    response = client.get(_label_url(shipment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{shipment.reference}.pdf"'
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response.getvalue().startswith(b"%PDF")


def test_a_lost_label_is_not_found_not_an_error(client, people, shipment, document_roots):
    (document_roots.private / shipment.label.name).unlink()
    client.force_login(people["order_staff"])

    assert client.get(_label_url(shipment)).status_code == 404


@pytest.mark.parametrize("who", [None, "owner", "order_staff"])
def test_the_raw_storage_path_of_a_label_is_not_served(client, people, shipment, who):
    if who:
        client.force_login(people[who])

    for url in [f"/media/{shipment.label.name}", f"/media/shipments/labels/{shipment.reference}-4711.pdf"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in _body(response)


def test_the_dev_server_media_serving_cannot_reach_labels(client, shipment, document_roots, dev_media_serving):
    public = default_storage.save("public/hello.txt", ContentFile(b"public"))
    assert client.get(f"/media/{public}").status_code == 200  # the serving is on

    for url in [
        f"/media/{shipment.label.name}",
        f"/media/shipments/labels/{shipment.reference}-4711.pdf",
        f"/media/../private/{shipment.label.name}",
    ]:
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert b"%PDF" not in _body(response)


def test_the_inspect_view_links_the_checked_download_not_the_storage_name(admin_client, shipment):
    response = admin_client.get(reverse("shipments:inspect", args=[shipment.pk]))

    assert response.status_code == 200
    assert _label_url(shipment) in response.text
    assert shipment.label.name not in response.text


def test_the_migration_moves_a_public_label_to_the_private_storage(shipment, document_roots):
    content = label_pdf([RECIPIENT])
    old_name = default_storage.save(f"shipments/labels/{shipment.reference}-4711.pdf", ContentFile(content))
    private_storage().delete(shipment.label.name)
    Shipment.objects.filter(pk=shipment.pk).update(label=old_name)
    migration = importlib.import_module("integrations.migrations.0004_move_shipment_labels_to_private_storage")
    state = MigrationExecutor(connection).loader.project_state(
        ("integrations", "0004_move_shipment_labels_to_private_storage")
    )

    migration.to_private(state.apps, None)

    shipment.refresh_from_db()
    directory, token, filename = shipment.label.name.rsplit("/", 2)
    assert (directory, filename) == ("shipments/labels", f"{shipment.reference}-4711.pdf")
    assert len(token) >= TOKEN_BYTES
    assert private_storage().open(shipment.label.name).read() == content
    assert not (document_roots.media / old_name).exists()
