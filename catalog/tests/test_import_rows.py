"""CSV validation, without the database: each invalid row is reported with its line and reason."""

import csv
import io
from decimal import Decimal

import pytest

from catalog.importing.rows import REQUIRED_COLUMNS, parse_file, rich_text

HEADER = ",".join(REQUIRED_COLUMNS)
KNOWN = {"bio": "bio", "vegan": "vegan"}
GOOD = {
    "product_key": "minze",
    "sku": "T-1",
    "title": "Pfefferminztee",
    "category_path": "Tee/Kräutertee",
    "brand": "Kräutergarten",
    "short_description": "Frisch",
    "description": "Lang",
    "ingredients": "Minze",
    "certifications": "Bio;vegan",
    "size_label": "100 g",
    "net_quantity": "100",
    "net_unit": "g",
    "price": "4.49",
    "compare_at_price": "",
    "tax_class": "reduced",
    "stock": "10",
    "weight_g": "120",
    "ean": "4262000000015",
}


def csv_text(*rows: dict, header: str = HEADER) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header.split(","))
    for row in rows:
        values = {**GOOD, **row}
        writer.writerow([values.get(column, "") for column in header.split(",")])
    return buffer.getvalue()


def only_error(text: str):
    parsed = parse_file(text, KNOWN)
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0]


def test_valid_row_is_typed():
    parsed = parse_file(csv_text({}), KNOWN)

    assert parsed.errors == []
    row = parsed.rows[0]
    assert (row.line, row.sku, row.category_path) == (2, "T-1", ("Tee", "Kräutertee"))
    assert (row.price, row.net_quantity, row.stock, row.weight_grams) == (Decimal("4.49"), Decimal("100"), 10, 120)
    assert row.certifications == ("bio", "vegan")


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"price": "4,49"}, "price: '4,49' is not a valid amount (digits, '.' as decimal separator, max. 2 decimals)"),
        (
            {"price": "4.499"},
            "price: '4.499' is not a valid amount (digits, '.' as decimal separator, max. 2 decimals)",
        ),
        ({"tax_class": "half"}, "tax_class: unknown tax class 'half' (allowed: standard, reduced)"),
        ({"ean": "4262000000018"}, "ean: '4262000000018' is not a valid EAN/GTIN (check digit or length)"),
        ({"net_unit": "oz"}, "net_unit: unknown unit 'oz' (allowed: g, kg, ml, l, piece)"),
        ({"stock": "-3"}, "stock: -3 must not be negative"),
        ({"stock": "viele"}, "stock: 'viele' is not a whole number"),
        ({"net_quantity": "0"}, "net_quantity: '0' is not a positive number ('.' as decimal separator)"),
        ({"compare_at_price": "4.00"}, "compare_at_price must be higher than price"),
        ({"sku": ""}, "sku is required"),
        (
            {"certifications": "Bio;Mondsiegel"},
            "certifications: unknown certification 'Mondsiegel' (create it in the admin first)",
        ),
    ],
)
def test_invalid_value_is_reported_with_line_and_reason(override, reason):
    error = only_error(csv_text({"sku": "T-0", "ean": "4262000000022"}, override))

    assert (error.line, error.reason) == (3, reason)


def test_duplicate_sku_names_the_first_line():
    error = only_error(csv_text({}, {"ean": "4262000000022"}))

    assert (error.line, error.reason) == (3, "duplicate SKU 'T-1' (first on line 2)")


def test_missing_required_column_is_a_file_error_on_line_1():
    header = ",".join(column for column in REQUIRED_COLUMNS if column not in ("price", "ean"))
    parsed = parse_file(csv_text({}, header=header), KNOWN)

    assert [(e.line, e.reason) for e in parsed.errors] == [(1, "missing required column(s): price, ean")]
    assert parsed.rows == []


def test_rows_of_one_product_must_not_contradict_each_other():
    error = only_error(csv_text({}, {"sku": "T-2", "ean": "4262000000022", "title": "Anderer Tee"}))

    assert (error.line, error.reason) == (3, "title differs from line 2 of the same product_key")


EMPTY_PRODUCT_FIELDS = {
    "title": "",
    "category_path": "",
    "brand": "",
    "short_description": "",
    "description": "",
    "ingredients": "",
    "certifications": "",
}


def test_later_rows_of_a_product_may_leave_the_product_fields_empty_and_take_them_from_the_first_row():
    text = csv_text(
        {},
        {**EMPTY_PRODUCT_FIELDS, "sku": "T-2", "ean": "4262000000022", "size_label": "250 g"},
        {**EMPTY_PRODUCT_FIELDS, "sku": "T-3", "ean": "", "size_label": "500 g", "title": "Pfefferminztee"},
    )

    parsed = parse_file(text, KNOWN)

    assert parsed.errors == []
    first = parsed.rows[0]
    assert [
        (row.line, row.sku, row.size_label, row.title, row.category_path, row.brand, row.certifications)
        for row in parsed.rows
    ] == [
        (line, sku, size, "Pfefferminztee", ("Tee", "Kräutertee"), "Kräutergarten", ("bio", "vegan"))
        for line, sku, size in ((2, "T-1", "100 g"), (3, "T-2", "250 g"), (4, "T-3", "500 g"))
    ]
    assert {(row.short_description, row.description, row.ingredients) for row in parsed.rows} == {
        (first.short_description, "<p>Lang</p>", "Minze")
    }


def test_a_later_row_with_an_empty_title_still_reports_a_contradicting_category():
    text = csv_text({}, {"sku": "T-2", "ean": "4262000000022", "title": "", "category_path": "Tee/Schwarztee"})

    error = only_error(text)

    assert (error.line, error.sku) == (3, "T-2")
    assert error.reason == "category_path differs from line 2 of the same product_key"


def test_a_row_without_product_fields_that_starts_a_product_is_reported():
    text = csv_text({}, {**EMPTY_PRODUCT_FIELDS, "product_key": "kamille", "sku": "K-1", "ean": ""})

    parsed = parse_file(text, KNOWN)

    assert [(e.line, e.product_key, e.reason) for e in parsed.errors] == [
        (
            3,
            "kamille",
            f"{column} is required on the first row of product_key 'kamille' "
            "(only later rows of a product may leave it empty)",
        )
        for column in ("title", "category_path")
    ]
    assert [row.sku for row in parsed.rows] == ["T-1"]


def test_a_row_without_product_fields_after_an_invalid_first_row_is_reported():
    text = csv_text({"price": "x"}, {**EMPTY_PRODUCT_FIELDS, "sku": "T-2", "ean": "4262000000022", "title": "Tee"})

    parsed = parse_file(text, KNOWN)

    assert [(e.line, e.reason) for e in parsed.errors][1:] == [
        (3, "category_path is empty and the first row of this product_key (line 2) is invalid")
    ]
    assert parsed.errors[0].line == 2
    assert parsed.rows == []


def test_line_numbers_count_physical_lines_of_multiline_fields():
    text = csv_text({"description": "Zeile 1\n\nZeile 2"}, {"sku": "T-2", "ean": "4262000000022", "price": "x"})

    error = only_error(text)

    assert error.line == 5


def test_plain_text_description_becomes_escaped_paragraphs():
    assert rich_text("Erster <Absatz>\n\nZweiter") == "<p>Erster &lt;Absatz&gt;</p><p>Zweiter</p>"


@pytest.fixture(autouse=True)
def _english(english):
    """Import messages are asserted by their English msgids."""
