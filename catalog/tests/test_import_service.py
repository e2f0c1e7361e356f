"""The CSV import against the database: upsert, idempotency, revisions, all-or-nothing."""

import csv
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Revision

from catalog.importing.service import import_products
from catalog.models import Brand, CategoryPage, Certification, ProductPage, ProductVariant

SAMPLE = (Path(__file__).resolve().parents[1] / "fixtures" / "import_sample.csv").read_text(encoding="utf-8")
BAD_EAN_LINE = 6  # the soap row (line numbers count the multi-line description of line 2–4)


@pytest.fixture
def shop(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    de = Locale.objects.get(language_code="de")
    for name, slug in (("Bio", "bio"), ("vegan", "vegan"), ("NATRUE", "natrue")):
        Certification.objects.create(locale=de, name=name, slug=slug)
    return demo_site


def german_products():
    return ProductPage.objects.filter(locale__language_code="de")


def test_sample_creates_products_with_variants(shop):
    report = import_products(SAMPLE)

    assert (report.created, report.updated, report.unchanged, report.failed) == (3, 0, 0, 0)
    melisse = german_products().get(title="Bio-Zitronenmelisse")
    assert [
        (v.sku, v.retail_price, v.compare_at_price, v.stock_quantity) for v in melisse.variants.order_by("sku")
    ] == [
        ("IMP-MEL-100", Decimal("4.49"), None, 40),
        ("IMP-MEL-250", Decimal("9.90"), Decimal("11.90"), 12),
    ]
    assert melisse.live and melisse.min_price == Decimal("4.49")
    assert sorted(c.slug for c in melisse.certifications.all()) == ["bio", "vegan"]
    assert (
        melisse.description == "<p>Zitronenmelisse aus dem Allgäu, schonend getrocknet.</p><p>Ideal für den Abend.</p>"
    )


def test_sample_creates_missing_categories_and_brands(shop):
    import_products(SAMPLE)

    paths = {
        "/".join(p.title for p in page.get_ancestors()[2:]) + "/" + page.title
        for page in CategoryPage.objects.filter(locale__language_code="de")
    }
    assert paths == {
        "/Tee",
        "Tee/Kräutertee",
        "/Naturkosmetik",
        "Naturkosmetik/Körperpflege",
        "/Haushalt",
        "Haushalt/Küche",
    }
    assert list(Brand.objects.values_list("name", flat=True)) == ["Blütenwerk", "Klarwerk", "Kräutergarten Allgäu"]
    assert german_products().get(title="Spülschwamm Luffa 3er-Set").get_parent().title == "Küche"


def test_english_columns_create_a_translation_without_variants_or_redirects(shop):
    import_products(SAMPLE)

    melisse = german_products().get(title="Bio-Zitronenmelisse")
    english = melisse.get_translation(Locale.objects.get(language_code="en")).specific
    assert (english.title, english.slug, english.short_description) == (
        "Organic lemon balm",
        "organic-lemon-balm",
        "Loose lemon balm – fresh and mild.",
    )
    assert english.live and english.variants.count() == 0
    assert [v.sku for v in english.sellable_variants()] == ["IMP-MEL-100", "IMP-MEL-250"]
    assert Redirect.objects.count() == 0


def test_reimport_of_the_same_file_changes_nothing(shop):
    import_products(SAMPLE)
    revisions = Revision.objects.count()

    report = import_products(SAMPLE)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert Revision.objects.count() == revisions


def test_changed_price_updates_the_variant_and_publishes_a_new_revision(shop):
    import_products(SAMPLE)
    melisse = german_products().get(title="Bio-Zitronenmelisse")
    revisions = Revision.page_revisions.filter(object_id=str(melisse.pk)).count()

    report = import_products(SAMPLE.replace(",4.49,", ",4.99,"))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert report.changes[0].details == ["IMP-MEL-100 retail_price: 4.49 → 4.99"]
    melisse.refresh_from_db()
    assert ProductVariant.objects.get(sku="IMP-MEL-100").retail_price == Decimal("4.99")
    assert Revision.page_revisions.filter(object_id=str(melisse.pk)).count() == revisions + 1
    assert melisse.live_revision_id == melisse.latest_revision_id
    assert not melisse.has_unpublished_changes


def test_an_invalid_row_means_nothing_is_written(shop):
    report = import_products(SAMPLE.replace("4262999000034", "4262999000035"))

    assert [(e.line, e.sku) for e in report.errors] == [(BAD_EAN_LINE, "IMP-SEI-1")]
    assert report.written is False
    assert german_products().count() == 0
    assert CategoryPage.objects.count() == 0


def test_skip_invalid_imports_the_other_products(shop):
    report = import_products(SAMPLE.replace("4262999000034", "4262999000035"), skip_invalid=True)

    assert (report.created, report.failed, report.written) == (2, 1, True)
    assert sorted(german_products().values_list("title", flat=True)) == [
        "Bio-Zitronenmelisse",
        "Spülschwamm Luffa 3er-Set",
    ]


def test_skip_invalid_leaves_out_a_product_with_any_invalid_variant_row(shop):
    report = import_products(SAMPLE.replace(",9.90,", ",9;90,"), skip_invalid=True)

    assert [e.sku for e in report.errors] == ["IMP-MEL-250"]
    assert not german_products().filter(title="Bio-Zitronenmelisse").exists()
    assert not ProductVariant.objects.filter(sku="IMP-MEL-100").exists()


def test_dry_run_reports_but_writes_nothing(shop):
    report = import_products(SAMPLE, dry_run=True)

    assert (report.created, report.written) == (3, False)
    assert german_products().count() == 0


def test_existing_product_is_found_by_sku_of_any_variant(shop):
    import_products(SAMPLE)
    added = (
        SAMPLE.rstrip("\n")
        + "\nmelisse,IMP-MEL-500,Bio-Zitronenmelisse,Tee/Kräutertee,,,,,,"
        + "500 g,500,g,17.90,,reduced,5,560,4262999000058,,,\n"
    )

    report = import_products(added)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    melisse = german_products().get(title="Bio-Zitronenmelisse")
    assert sorted(melisse.variants.values_list("sku", flat=True)) == ["IMP-MEL-100", "IMP-MEL-250", "IMP-MEL-500"]


def test_rows_sharing_a_product_key_become_one_product_that_keeps_the_key(shop):
    import_products(SAMPLE)

    assert sorted(german_products().values_list("product_key", "title")) == [
        ("melisse", "Bio-Zitronenmelisse"),
        ("schwamm", "Spülschwamm Luffa 3er-Set"),
        ("seife", "Olivenölseife Lavendel"),
    ]
    melisse = german_products().get(product_key="melisse")
    assert sorted(melisse.variants.values_list("sku", flat=True)) == ["IMP-MEL-100", "IMP-MEL-250"]
    english = melisse.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.product_key == ""  # the key belongs to the German source, like the variants


def test_product_key_finds_the_product_when_its_title_and_skus_are_new(shop):
    import_products(SAMPLE)
    revisions = Revision.objects.count()
    renamed = (
        SAMPLE.splitlines()[0]
        + "\nmelisse,IMP-MEL-1000,Zitronenmelisse lose,Tee/Kräutertee,Kräutergarten Allgäu,,,,,"
        + "1 kg,1,kg,29.90,,reduced,2,1100,4262999000065,,,\n"
    )

    report = import_products(renamed)

    assert (report.created, report.updated, report.unchanged, report.failed) == (0, 1, 0, 0)
    melisse = german_products().get(product_key="melisse")
    assert german_products().count() == 3
    assert (melisse.title, melisse.slug) == ("Zitronenmelisse lose", "bio-zitronenmelisse")
    assert sorted(melisse.variants.values_list("sku", flat=True)) == ["IMP-MEL-100", "IMP-MEL-1000", "IMP-MEL-250"]
    assert Revision.objects.count() == revisions + 1


def test_a_sku_of_a_product_with_another_key_is_an_invalid_row(shop):
    import_products(SAMPLE)
    stolen = SAMPLE.replace("seife,IMP-SEI-1,", "seife-neu,IMP-SEI-1,")

    report = import_products(stolen)

    assert [(e.line, e.reason) for e in report.errors] == [
        (
            BAD_EAN_LINE,
            "SKU 'IMP-SEI-1' belongs to another product ('Olivenölseife Lavendel', product_key 'seife')",
        )
    ]
    assert report.written is False
    assert not german_products().filter(product_key="seife-neu").exists()


def test_a_product_made_without_a_key_takes_the_key_of_the_sheet(shop):
    import_products(SAMPLE)
    german_products().update(product_key="")

    report = import_products(SAMPLE)

    assert (report.created, report.updated, report.unchanged) == (0, 3, 0)
    assert report.changes[0].details == ["product_key: – → melisse"]
    assert german_products().get(title="Bio-Zitronenmelisse").product_key == "melisse"
    assert import_products(SAMPLE).unchanged == 3


CONFLICTING_CATEGORY = SAMPLE.replace(
    "IMP-MEL-250,Bio-Zitronenmelisse,Tee/Kräutertee", "IMP-MEL-250,Bio-Zitronenmelisse,Tee/Schwarztee"
)
MEL_250_LINE = 5


def test_a_product_key_with_conflicting_category_is_an_invalid_row_and_nothing_is_written(shop):
    report = import_products(CONFLICTING_CATEGORY)

    assert [(e.line, e.sku, e.reason) for e in report.errors] == [
        (MEL_250_LINE, "IMP-MEL-250", "category_path differs from line 2 of the same product_key")
    ]
    assert (report.written, report.failed) == (False, 1)
    assert german_products().count() == 0


def test_skip_invalid_leaves_out_the_whole_product_of_a_conflicting_key(shop):
    report = import_products(CONFLICTING_CATEGORY, skip_invalid=True)

    assert (report.created, report.failed, report.written) == (2, 1, True)
    assert sorted(german_products().values_list("product_key", flat=True)) == ["schwamm", "seife"]
    assert not ProductVariant.objects.filter(sku__startswith="IMP-MEL").exists()


def test_moving_a_product_to_another_category_is_reported(shop):
    import_products(SAMPLE)

    report = import_products(SAMPLE.replace("Haushalt/Küche", "Haushalt/Bad"))

    assert {(e.line, e.reason) for e in report.errors} == {
        (7, "product 'Spülschwamm Luffa 3er-Set' is in another category (Küche); moving is not supported")
    }


def with_rows(*rows: dict, text: str = SAMPLE) -> str:
    """The sample plus rows given by column (missing columns empty)."""
    header = text.splitlines()[0].split(",")
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[row.get(column, "") for column in header] for row in rows])
    return text.rstrip("\n") + "\n" + buffer.getvalue()


SOAP_SIZES = with_rows(
    {"product_key": "seife", "sku": "IMP-SEI-3", "size_label": "3 Stück", "net_quantity": "3", "net_unit": "piece"}
    | {"price": "13.90", "tax_class": "standard", "stock": "5", "weight_g": "330"},
    {"product_key": "seife", "sku": "IMP-SEI-6", "size_label": "6 Stück", "net_quantity": "6", "net_unit": "piece"}
    | {"price": "26.90", "tax_class": "standard", "stock": "2", "weight_g": "660", "ean": "4262999000065"},
)
SOAP_6_LINE = 9  # after the sample (lines 1–7) and the 3-piece row


def test_variant_rows_without_title_and_category_join_the_product_of_their_first_row(shop):
    report = import_products(SOAP_SIZES)

    assert (report.errors, report.created, report.failed) == ([], 3, 0)
    [seife] = german_products().filter(product_key="seife")
    assert (seife.title, seife.get_parent().title, seife.brand.name) == (
        "Olivenölseife Lavendel",
        "Körperpflege",
        "Blütenwerk",
    )
    assert sorted(c.slug for c in seife.certifications.all()) == ["natrue", "vegan"]
    assert [(v.sku, v.size_label, v.retail_price) for v in seife.variants.order_by("sort_order", "pk")] == [
        ("IMP-SEI-1", "1 Stück (100 g)", Decimal("4.90")),
        ("IMP-SEI-3", "3 Stück", Decimal("13.90")),
        ("IMP-SEI-6", "6 Stück", Decimal("26.90")),
    ]
    assert german_products().filter(title="Olivenölseife Lavendel").count() == 1


def test_reimport_with_empty_product_fields_in_later_rows_changes_nothing(shop):
    import_products(SOAP_SIZES)
    revisions = Revision.objects.count()

    report = import_products(SOAP_SIZES)

    assert (report.created, report.updated, report.unchanged, report.failed) == (0, 0, 3, 0)
    assert Revision.objects.count() == revisions


def test_a_later_row_without_title_that_names_another_category_is_reported_and_nothing_is_written(shop):
    report = import_products(SOAP_SIZES.replace("seife,IMP-SEI-6,,,", "seife,IMP-SEI-6,,Naturkosmetik/Bad,"))

    assert [(e.line, e.sku, e.reason) for e in report.errors] == [
        (SOAP_6_LINE, "IMP-SEI-6", "category_path differs from line 6 of the same product_key")
    ]
    assert (report.written, german_products().count()) == (False, 0)


def test_skip_invalid_leaves_out_the_whole_product_when_a_row_without_product_fields_is_invalid(shop):
    report = import_products(SOAP_SIZES.replace(",26.90,", ",26;90,"), skip_invalid=True)

    assert [(e.line, e.sku) for e in report.errors] == [(SOAP_6_LINE, "IMP-SEI-6")]
    assert (report.created, report.failed, report.written) == (2, 1, True)
    assert not ProductVariant.objects.filter(sku__startswith="IMP-SEI").exists()


def test_a_row_without_product_fields_that_belongs_to_no_earlier_product_is_reported(shop):
    orphan = with_rows(
        {"product_key": "lavendelsalz", "sku": "IMP-LAV-1", "size_label": "200 g", "net_quantity": "200"}
        | {"net_unit": "g", "price": "6.90", "tax_class": "reduced", "stock": "4"}
    )

    report = import_products(orphan, skip_invalid=True)

    assert [(e.line, e.sku, e.reason) for e in report.errors] == [
        (
            8,
            "IMP-LAV-1",
            f"{column} is required on the first row of product_key 'lavendelsalz' "
            "(only later rows of a product may leave it empty)",
        )
        for column in ("title", "category_path")
    ]
    assert (report.created, report.failed) == (3, 1)
    assert not ProductVariant.objects.filter(sku="IMP-LAV-1").exists()


def test_command_fails_without_writing_on_invalid_rows(shop, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(SAMPLE.replace("reduced,40", "half,40"), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_products", str(path), stdout=StringIO(), stderr=err, verbosity=0)

    assert "line 2: tax_class: unknown tax class 'half' (allowed: standard, reduced)" in err.getvalue()
    assert german_products().count() == 0


def test_command_prints_the_summary(shop, tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    out = StringIO()

    call_command("import_products", str(path), stdout=out, stderr=StringIO(), verbosity=0)

    assert "3 created, 0 updated, 0 unchanged, 0 failed." in out.getvalue()


@pytest.fixture(autouse=True)
def _english(english):
    """Import messages are asserted by their English msgids."""
