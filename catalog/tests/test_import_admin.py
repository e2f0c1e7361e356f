"""The admin import: upload → preview → confirm, permission-gated, file kept between the steps."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale

from catalog.importing.admin import SESSION_KEY
from catalog.models import Certification, ProductPage

SAMPLE = (Path(__file__).resolve().parents[1] / "fixtures" / "import_sample.csv").read_bytes()
UPLOAD_URL = "/admin/product-import/"
CONFIRM_URL = "/admin/product-import/confirm/"


@pytest.fixture
def shop(demo_site, document_roots):
    de = Locale.objects.get(language_code="de")
    for name, slug in (("Bio", "bio"), ("vegan", "vegan"), ("NATRUE", "natrue")):
        Certification.objects.create(locale=de, name=name, slug=slug)
    return demo_site


@pytest.fixture
def staff(client, shop):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def upload(client, content=SAMPLE, **extra):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile("produkte.csv", content, "text/csv"), **extra})


def test_urls_are_registered():
    assert (reverse("catalog_product_import"), reverse("catalog_product_import_confirm")) == (UPLOAD_URL, CONFIRM_URL)


def test_upload_shows_a_preview_and_writes_nothing(staff):
    response = upload(staff)

    assert response.status_code == 200
    assert response.context["report"].created == 3
    assert "3 angelegt, 0 aktualisiert, 0 unverändert, 0 fehlerhaft" in response.content.decode()
    assert ProductPage.objects.count() == 0
    stored = f"product-imports/{staff.session[SESSION_KEY]['token']}.csv"
    assert storages["private"].exists(stored)
    assert not default_storage.exists(stored)  # never in the public media


def test_confirm_imports_the_previewed_file_and_removes_it(staff):
    upload(staff)
    token = staff.session[SESSION_KEY]["token"]

    response = staff.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 302
    assert ProductPage.objects.filter(locale__language_code="de").count() == 3
    assert not storages["private"].exists(f"product-imports/{token}.csv")
    assert SESSION_KEY not in staff.session


def test_preview_lists_invalid_rows_with_line_numbers_and_offers_no_import(staff):
    response = upload(staff, SAMPLE.replace(b"4262999000034", b"4262999000035"))

    html = response.content.decode()
    assert response.context["can_import"] is False
    assert [(e.line, e.sku) for e in response.context["report"].errors] == [(6, "IMP-SEI-1")]
    assert "ist keine gültige EAN/GTIN" in html
    assert CONFIRM_URL not in html


def test_confirm_with_a_foreign_token_imports_nothing(staff):
    upload(staff)

    response = staff.post(CONFIRM_URL, {"token": "not-the-token"})

    assert response.status_code == 302
    assert ProductPage.objects.count() == 0


def test_confirm_with_skip_invalid_imports_the_valid_products(staff):
    upload(staff, SAMPLE.replace(b"4262999000034", b"4262999000035"), skip_invalid="on")

    staff.post(CONFIRM_URL, {"token": staff.session[SESSION_KEY]["token"]})

    assert ProductPage.objects.filter(locale__language_code="de").count() == 2


# Two more sizes of the soap: product fields left empty, taken from the soap's first row.
SOAP_SIZES = (
    SAMPLE.rstrip(b"\n")
    + (
        "\nseife,IMP-SEI-3,,,,,,,,3 Stück,3,piece,13.90,,standard,5,330,,,,"
        "\nseife,IMP-SEI-6,,,,,,,,6 Stück,6,piece,26.90,,standard,2,660,4262999000065,,,\n"
    ).encode()
)


def test_preview_and_confirm_import_variant_rows_without_product_fields_into_their_product(staff):
    response = upload(staff, SOAP_SIZES)

    assert response.context["can_import"] is True
    assert response.context["report"].errors == []
    [soap] = [change for change in response.context["report"].changes if change.product_key == "seife"]
    assert (soap.title, soap.lines) == ("Olivenölseife Lavendel", [6, 8, 9])

    staff.post(CONFIRM_URL, {"token": staff.session[SESSION_KEY]["token"]})

    [seife] = ProductPage.objects.filter(locale__language_code="de", product_key="seife")
    assert seife.title == "Olivenölseife Lavendel"
    assert sorted(seife.variants.values_list("sku", flat=True)) == ["IMP-SEI-1", "IMP-SEI-3", "IMP-SEI-6"]
    assert ProductPage.objects.filter(locale__language_code="de").count() == 3


def test_preview_reports_a_variant_row_without_product_fields_that_starts_no_product(staff):
    response = upload(staff, SOAP_SIZES.replace(b"seife,IMP-SEI-3,", b"lavendelsalz,IMP-SEI-3,"))

    html = response.content.decode()
    assert response.context["can_import"] is False
    assert [(e.line, e.sku) for e in response.context["report"].errors] == [(8, "IMP-SEI-3"), (8, "IMP-SEI-3")]
    assert "title ist in der ersten Zeile von product_key &#x27;lavendelsalz&#x27; erforderlich" in html
    assert ProductPage.objects.count() == 0


def test_editor_without_permission_is_refused(client, shop):
    editor = get_user_model().objects.create_user("editor", password="x")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)

    response = upload(client)

    assert response.status_code in (302, 403)
    assert ProductPage.objects.count() == 0
    assert SESSION_KEY not in client.session


def test_menu_item_is_in_the_settings_menu_for_staff(staff):
    response = staff.get("/admin/")

    assert UPLOAD_URL in response.content.decode()
