"""Read and validate a product CSV, without touching the database.

Pure functions: text in, typed rows and row errors out. Everything that can be checked from
the file alone is checked here (columns, numbers, EAN check digits, duplicate SKUs, rows of one
product that contradict each other), so a file is judged completely before anything is written.
The certifications the shop knows are passed in, so an unknown seal is reported here too.

Staff write a product's fields once, on its first row: later rows of the same product_key may
leave them empty and take them from that row, so every parsed row is complete.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from stdnum import ean as ean_checksum

REQUIRED_COLUMNS = (
    "product_key",
    "sku",
    "title",
    "category_path",
    "brand",
    "short_description",
    "description",
    "ingredients",
    "certifications",
    "size_label",
    "net_quantity",
    "net_unit",
    "price",
    "compare_at_price",
    "tax_class",
    "stock",
    "weight_g",
    "ean",
)
OPTIONAL_COLUMNS = ("title_en", "short_description_en", "description_en")
REQUIRED_VALUES = (
    "product_key",
    "sku",
    "size_label",
    "net_quantity",
    "net_unit",
    "price",
    "tax_class",
    "stock",
)
# Required on the first row of a product; later rows of its product_key may leave them empty.
REQUIRED_PRODUCT_VALUES = ("title", "category_path")
# Fields of the product (not the variant): every row of a product_key must agree on them.
PRODUCT_FIELDS = (
    "title",
    "category_path",
    "brand",
    "short_description",
    "description",
    "ingredients",
    "certifications",
    "title_en",
    "short_description_en",
    "description_en",
)
NET_UNITS = ("g", "kg", "ml", "l", "piece")
TAX_CLASSES = ("standard", "reduced")
MAX_LENGTHS = {"sku": 64, "title": 255, "size_label": 60, "short_description": 300, "brand": 120, "title_en": 255}

PRICE = re.compile(r"^\d{1,8}(\.\d{1,2})?$")
QUANTITY = re.compile(r"^\d{1,7}(\.\d{1,3})?$")
INTEGER = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    sku: str = ""
    product_key: str = ""

    def __str__(self) -> str:
        return _("line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class ProductRow:
    """One valid CSV line: a variant, plus the product fields it carries."""

    line: int
    product_key: str
    sku: str
    title: str
    category_path: tuple[str, ...]
    brand: str
    short_description: str
    description: str
    ingredients: str
    certifications: tuple[str, ...]
    size_label: str
    net_quantity: Decimal
    net_unit: str
    price: Decimal
    compare_at_price: Decimal | None
    tax_class: str
    stock: int
    weight_grams: int
    ean: str
    title_en: str = ""
    short_description_en: str = ""
    description_en: str = ""


@dataclass
class ParsedFile:
    rows: list[ProductRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    has_english: bool = False

    @property
    def invalid_lines(self) -> set[int]:
        return {error.line for error in self.errors}


def rich_text(value: str) -> str:
    """Plain text from the sheet becomes paragraphs; HTML is taken as it is."""
    value = value.strip()
    if not value or value.startswith("<"):
        return value
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM, as spreadsheet programs write it)."""
    return content.decode("utf-8-sig")


def _price(value: str, column: str, reasons: list[str]) -> Decimal | None:
    if not PRICE.match(value):
        reasons.append(
            _("%(column)s: '%(value)s' is not a valid amount (digits, '.' as decimal separator, max. 2 decimals)")
            % {"column": column, "value": value}
        )
        return None
    return Decimal(value)


def _integer(value: str, column: str, reasons: list[str], *, default: int | None = None) -> int | None:
    if not value and default is not None:
        return default
    if not INTEGER.match(value):
        reasons.append(_("%(column)s: '%(value)s' is not a whole number") % {"column": column, "value": value})
        return None
    number = int(value)
    if number < 0:
        reasons.append(_("%(column)s: %(value)s must not be negative") % {"column": column, "value": value})
        return None
    return number


def parse_row(
    line: int,
    raw: dict[str, str],
    known_certifications: dict[str, str] | None = None,
    *,
    later_row: bool = False,
):
    """One CSV record → (ProductRow or None, reasons). `known_certifications`: lower-cased name/slug → slug.

    `later_row`: an earlier row has the same product_key, so empty product fields are allowed
    (`parse_file` fills them in from the product's first row).
    """
    value = {key: (raw.get(key) or "").strip() for key in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    reasons: list[str] = []
    for column in REQUIRED_VALUES:
        if not value[column]:
            reasons.append(_("%(column)s is required") % {"column": column})
    if not later_row and value["product_key"]:
        for column in REQUIRED_PRODUCT_VALUES:
            if not value[column]:
                reasons.append(
                    _(
                        "%(column)s is required on the first row of product_key '%(key)s' "
                        "(only later rows of a product may leave it empty)"
                    )
                    % {"column": column, "key": value["product_key"]}
                )
    for column, limit in MAX_LENGTHS.items():
        if len(value[column]) > limit:
            reasons.append(_("%(column)s is longer than %(limit)s characters") % {"column": column, "limit": limit})

    price = _price(value["price"], "price", reasons) if value["price"] else None
    compare_at = _price(value["compare_at_price"], "compare_at_price", reasons) if value["compare_at_price"] else None
    if price is not None and compare_at is not None and compare_at <= price:
        reasons.append(_("compare_at_price must be higher than price"))

    quantity = None
    if value["net_quantity"]:
        try:
            quantity = Decimal(value["net_quantity"]) if QUANTITY.match(value["net_quantity"]) else None
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            quantity = None
        if quantity is None or quantity <= 0:
            reasons.append(
                _("net_quantity: '%(value)s' is not a positive number ('.' as decimal separator)")
                % {"value": value["net_quantity"]}
            )
    if value["net_unit"] and value["net_unit"] not in NET_UNITS:
        reasons.append(
            _("net_unit: unknown unit '%(value)s' (allowed: %(allowed)s)")
            % {"value": value["net_unit"], "allowed": ", ".join(NET_UNITS)}
        )
    if value["tax_class"] and value["tax_class"] not in TAX_CLASSES:
        reasons.append(
            _("tax_class: unknown tax class '%(value)s' (allowed: standard, reduced)") % {"value": value["tax_class"]}
        )
    stock = _integer(value["stock"], "stock", reasons) if value["stock"] else None
    weight = _integer(value["weight_g"], "weight_g", reasons, default=0)
    if value["ean"] and not ean_checksum.is_valid(value["ean"]):
        reasons.append(_("ean: '%(value)s' is not a valid EAN/GTIN (check digit or length)") % {"value": value["ean"]})

    certifications: list[str] = []
    for name in filter(None, (part.strip() for part in value["certifications"].split(";"))):
        slug = (known_certifications or {}).get(name.lower())
        if known_certifications is not None and slug is None:
            reasons.append(
                _("certifications: unknown certification '%(name)s' (create it in the admin first)") % {"name": name}
            )
        else:
            certifications.append(slug or name)
    path = tuple(part.strip() for part in value["category_path"].split("/") if part.strip())
    if value["category_path"] and not path:
        reasons.append(_("category_path is empty"))

    if reasons:
        return None, reasons
    return (
        ProductRow(
            line=line,
            product_key=value["product_key"],
            sku=value["sku"],
            title=value["title"],
            category_path=path,
            brand=value["brand"],
            short_description=value["short_description"],
            description=rich_text(value["description"]),
            ingredients=value["ingredients"],
            certifications=tuple(sorted(set(certifications))),
            size_label=value["size_label"],
            net_quantity=quantity,
            net_unit=value["net_unit"],
            price=price,
            compare_at_price=compare_at,
            tax_class=value["tax_class"],
            stock=stock,
            weight_grams=weight,
            ean=value["ean"],
            title_en=value["title_en"],
            short_description_en=value["short_description_en"],
            description_en=rich_text(value["description_en"]),
        ),
        [],
    )


def _records(text: str):
    """(line number of the record's first line, dict) for each data record."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    records = []
    previous_end = reader.line_num
    for record in reader:
        records.append((previous_end + 1, record))
        previous_end = reader.line_num
    return header, records


def parse_file(text: str, known_certifications: dict[str, str] | None = None) -> ParsedFile:
    """Validate a whole file. Header errors make every row unusable (reported on line 1)."""
    parsed = ParsedFile()
    try:
        header, records = _records(text)
    except csv.Error as error:
        parsed.errors.append(RowError(1, _("the file is not valid CSV: %(error)s") % {"error": error}))
        return parsed
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        parsed.errors.append(
            RowError(1, _("missing required column(s): %(columns)s") % {"columns": ", ".join(missing)})
        )
        return parsed
    parsed.has_english = any(column in header for column in OPTIONAL_COLUMNS)

    first_sku_line: dict[str, int] = {}
    first_line_of_key: dict[str, int] = {}
    first_of_product: dict[str, ProductRow] = {}
    for line, record in records:
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue  # blank line
        key = (record.get("product_key") or "").strip()
        later_row = key in first_line_of_key
        if key and not later_row:
            first_line_of_key[key] = line
        row, reasons = parse_row(line, record, known_certifications, later_row=later_row)
        sku = (record.get("sku") or "").strip()
        if sku:
            if sku in first_sku_line:
                reasons.append(
                    _("duplicate SKU '%(sku)s' (first on line %(line)s)") % {"sku": sku, "line": first_sku_line[sku]}
                )
            else:
                first_sku_line[sku] = line
        if row is not None and not reasons:
            row, reasons = _complete_from_first_row(row, first_of_product, first_line_of_key[key])
        if reasons:
            parsed.errors.extend(RowError(line, reason, sku, key) for reason in reasons)
        else:
            parsed.rows.append(row)
    return parsed


def _complete_from_first_row(
    row: ProductRow, first_of_product: dict[str, ProductRow], first_line: int
) -> tuple[ProductRow, list[str]]:
    """Fill a row's empty product fields from its product's first row; a different value is a conflict.

    If the product's first row is invalid, a later row that gives its own product fields stands in
    for it (so its own errors are still found); one that leaves them empty cannot be completed.
    """
    first = first_of_product.get(row.product_key)
    if first is None:
        missing = [name for name in REQUIRED_PRODUCT_VALUES if not getattr(row, name)]
        if missing:
            return row, [
                _("%(column)s is empty and the first row of this product_key (line %(line)s) is invalid")
                % {"column": name, "line": first_line}
                for name in missing
            ]
        first_of_product[row.product_key] = row
        return row, []
    reasons = [
        _("%(column)s differs from line %(line)s of the same product_key") % {"column": name, "line": first.line}
        for name in PRODUCT_FIELDS
        if getattr(row, name) and getattr(row, name) != getattr(first, name)
    ]
    inherited = {name: getattr(first, name) for name in PRODUCT_FIELDS if not getattr(row, name)}
    return replace(row, **inherited), reasons
