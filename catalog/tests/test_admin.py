"""Editors in the Wagtail admin: create and edit products with inline variants and StreamField; listings at scale."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from catalog.models import ProductPage, ProductVariant
from catalog.tests.factories import BrandFactory, build_catalog, make_category, make_product, variant


def product_form_data(*, title, slug, variants, body=(), **fields):
    rows = [
        {
            "sku": v["sku"],
            "ean": v.get("ean", ""),
            "size_label": v.get("size_label", "250 g"),
            "net_quantity": v.get("net_quantity", "250"),
            "net_unit": v.get("net_unit", "g"),
            "retail_price": v["retail_price"],
            "compare_at_price": v.get("compare_at_price", ""),
            "tax_class": "reduced",
            "stock_quantity": v.get("stock_quantity", "10"),
            "low_stock_threshold": "5",
            "backorder_lead_days": v.get("backorder_lead_days", "7"),
            "weight_grams": "300",
            "active": "on",
            **({"id": v["id"]} if "id" in v else {}),
        }
        for v in variants
    ]
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "short_description": fields.get("short_description", ""),
            "description": rich_text(fields.get("description", "")),
            "ingredients": "",
            "allergens": "",
            "usage": "",
            "gallery_images": inline_formset([]),
            "variants": inline_formset(rows, initial=fields.get("initial_variants", 0)),
            "body": streamfield(list(body)),
            "seo_title": "",
            "search_description": "",
            **({"brand": fields["brand"]} if "brand" in fields else {}),
        }
    )


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def tee(home_de):
    return make_category(home_de, "Tee")


def test_an_editor_creates_and_publishes_a_product_with_variants_and_body(editor_client, tee):
    brand = BrandFactory(name="Sonnenhof")
    data = product_form_data(
        title="Kräutertraum",
        slug="kraeutertraum",
        brand=brand.pk,
        description="<p>Sanft.</p>",
        body=[("text", rich_text("<p>Ein Tee für den Abend.</p>"))],
        variants=[
            {"sku": "KT-100", "retail_price": "4.90", "ean": "4006381333931"},
            {"sku": "KT-500", "retail_price": "17.50", "net_quantity": "500"},
        ],
    )
    data["action-publish"] = "publish"

    response = editor_client.post(f"/admin/pages/add/catalog/productpage/{tee.pk}/", data)

    assert response.status_code == 302
    product = ProductPage.objects.get(slug="kraeutertraum")
    assert product.live is True
    assert product.brand == brand
    assert [(v.sku, v.retail_price) for v in product.variants.all()] == [
        ("KT-100", Decimal("4.90")),
        ("KT-500", Decimal("17.50")),
    ]
    assert product.min_price == Decimal("4.90")
    assert product.body[0].block_type == "text"
    assert editor_client.get("/tee/kraeutertraum/").status_code == 200


def test_an_editor_changes_a_variant_price_and_the_listing_follows(editor_client, tee):
    product = make_product(tee, "Chai", variants=[variant("12.00", sku="CHAI-1")])
    existing = product.variants.get()
    data = product_form_data(
        title="Chai",
        slug="chai",
        variants=[{"sku": "CHAI-1", "retail_price": "10.50", "id": existing.pk}],
        initial_variants=1,
    )
    data["action-publish"] = "publish"

    response = editor_client.post(f"/admin/pages/{product.pk}/edit/", data)

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.min_price == Decimal("10.50")
    assert ProductVariant.objects.get(pk=existing.pk).retail_price == Decimal("10.50")


def test_a_duplicate_sku_is_rejected_with_a_clear_message(editor_client, tee):
    make_product(tee, "Chai", variants=[variant(sku="DUP-1")])
    data = product_form_data(title="Zweiter", slug="zweiter", variants=[{"sku": "DUP-1", "retail_price": "1.00"}])

    response = editor_client.post(f"/admin/pages/add/catalog/productpage/{tee.pk}/", data)

    assert response.status_code == 200
    assert "Die SKU DUP-1 wird bereits von Chai verwendet. Jede SKU muss eindeutig sein." in response.content.decode()
    assert not ProductPage.objects.filter(slug="zweiter").exists()


def test_a_bad_ean_and_a_low_compare_at_price_are_rejected(editor_client, tee):
    data = product_form_data(
        title="Falsch",
        slug="falsch",
        variants=[{"sku": "F-1", "retail_price": "5.00", "ean": "4006381333932", "compare_at_price": "4.00"}],
    )

    response = editor_client.post(f"/admin/pages/add/catalog/productpage/{tee.pk}/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "4006381333932 ist keine gültige EAN/GTIN (Prüfziffer oder Länge)." in html
    assert "Der Vergleichspreis muss höher als der Preis sein." in html
    assert not ProductVariant.objects.filter(sku="F-1").exists()


def test_a_product_cannot_be_added_directly_under_home(editor_client, home_de):
    response = editor_client.get(f"/admin/pages/add/catalog/productpage/{home_de.pk}/")

    # Wagtail answers a forbidden page type with a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.parametrize("url", ["/admin/snippets/catalog/brand/", "/admin/snippets/catalog/certification/"])
def test_snippet_listings_open(editor_client, demo_site, url):
    # demo_site, not db: translatable snippets need the default locale, which a transactional test may have flushed.
    assert editor_client.get(url).status_code == 200


# --- Variants / Stock listing -----------------------------------------------------------


@pytest.fixture
def stock(tee, home_de):
    other = make_category(home_de, "Seifen")
    sonne = BrandFactory(name="Sonnenhof")
    make_product(tee, "Chai", brand=sonne, variants=[variant(sku="CHAI-1", stock=40), variant(sku="CHAI-2", stock=2)])
    make_product(other, "Lavendelseife", variants=[variant(sku="SEIFE-1", stock=0)])
    return {"sonne": sonne}


def listed_skus(response):
    return sorted(v.sku for v in response.context["object_list"])


def test_variants_are_searchable_by_sku_and_product_title(editor_client, stock):
    assert listed_skus(editor_client.get("/admin/variants/?q=SEIFE")) == ["SEIFE-1"]
    assert listed_skus(editor_client.get("/admin/variants/?q=chai")) == ["CHAI-1", "CHAI-2"]


def test_variants_filter_by_category_brand_and_stock_state(editor_client, stock, tee):
    assert listed_skus(editor_client.get(f"/admin/variants/?category={tee.pk}")) == ["CHAI-1", "CHAI-2"]
    assert listed_skus(editor_client.get(f"/admin/variants/?brand={stock['sonne'].pk}")) == ["CHAI-1", "CHAI-2"]
    assert listed_skus(editor_client.get("/admin/variants/?stock=low")) == ["CHAI-2"]
    assert listed_skus(editor_client.get("/admin/variants/?stock=sold_out")) == ["SEIFE-1"]
    assert listed_skus(editor_client.get("/admin/variants/?stock=in_stock")) == ["CHAI-1"]


def test_a_variant_row_links_to_its_product_editor(editor_client, stock):
    product = ProductPage.objects.get(title="Lavendelseife")

    html = editor_client.get("/admin/variants/?q=SEIFE").content.decode()

    assert f'href="/admin/pages/{product.pk}/edit/"' in html


@pytest.mark.parametrize("size", [20, 80])
def test_variant_listing_query_count_does_not_grow(editor_client, home_de, size):
    build_catalog(home_de, size)
    editor_client.get("/admin/variants/")

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get("/admin/variants/?stock=low")

    assert response.status_code == 200
    assert len(queries) == VARIANT_LISTING_QUERIES


VARIANT_LISTING_QUERIES = 10
