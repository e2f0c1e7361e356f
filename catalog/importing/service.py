"""Upsert products from a validated CSV: plan every change first, then write in one transaction.

A product is found by the sheet's `product_key` (stored on the German ProductPage), else by
any of its variants' SKUs, else by the slug of its title inside its category (products made
before their key was stored); the key is stored on every write. Unchanged products are not
touched (no revision); a changed product gets one new revision, which is published. Variants
not mentioned in the file stay as they are: the import adds and updates, it never deletes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from catalog.importing.rows import ParsedFile, ProductRow, RowError, decode, parse_file
from catalog.models import Brand, CategoryPage, Certification, ProductPage, ProductVariant
from catalog.translations import copy_with_slug, unique_child_slug

Progress = Callable[[Iterable], Iterable]

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"

# CSV row attribute → variant field
VARIANT_FIELDS = {
    "ean": "ean",
    "size_label": "size_label",
    "net_quantity": "net_quantity",
    "net_unit": "net_unit",
    "weight_grams": "weight_grams",
    "price": "retail_price",
    "compare_at_price": "compare_at_price",
    "tax_class": "tax_class",
    "stock": "stock_quantity",
}
PRODUCT_TEXT_FIELDS = ("title", "short_description", "description", "ingredients")
ENGLISH_FIELDS = {"title_en": "title", "short_description_en": "short_description", "description_en": "description"}


@dataclass
class ProductChange:
    """What the import does (or would do) to one product, for the report and the admin preview."""

    product_key: str
    title: str
    action: str
    lines: list[int]
    details: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    changes: list[ProductChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def summary(self) -> str:
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(failed)s failed") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


@dataclass
class ProductPlan:
    key: str
    rows: list[ProductRow]
    product: ProductPage | None
    category: CategoryPage | None
    change: ProductChange
    variants: dict[str, ProductVariant] = field(default_factory=dict)

    @property
    def head(self) -> ProductRow:
        return self.rows[0]


def known_certifications() -> dict[str, str]:
    """German names and slugs (lower-cased) → slug, for validating the `certifications` column."""
    known: dict[str, str] = {}
    for name, slug in Certification.objects.filter(locale=Locale.get_default()).values_list("name", "slug"):
        known[name.lower()] = slug
        known[slug.lower()] = slug
    return known


def _home() -> Page:
    from content.models import HomePage

    return HomePage.objects.filter(locale=Locale.get_default()).order_by("path").first()


class CategoryResolver:
    """Finds `Tee/Kräutertee` under the German home page by title or slug; creates missing levels on demand."""

    def __init__(self):
        self.home = _home()
        self.found: dict[tuple[str, ...], CategoryPage | None] = {}

    def _child(self, parent: Page, name: str) -> CategoryPage | None:
        children = CategoryPage.objects.child_of(parent)
        return children.filter(title__iexact=name).first() or children.filter(slug=slugify(name)).first()

    def find(self, path: tuple[str, ...]) -> CategoryPage | None:
        if path not in self.found:
            parent = self.home if len(path) == 1 else self.find(path[:-1])
            self.found[path] = self._child(parent, path[-1]) if parent is not None else None
        return self.found[path]

    def ensure(self, path: tuple[str, ...]) -> CategoryPage:
        category = self.find(path)
        if category is None:
            parent = self.home if len(path) == 1 else self.ensure(path[:-1])
            category = parent.add_child(instance=CategoryPage(title=path[-1], slug=slugify(path[-1])))
            category.save_revision().publish()
            self.found[path] = category
        return category


def _fmt(value) -> str:
    if value is None or value == "":
        return "–"
    return str(value)


def _variant_diff(variant: ProductVariant, row: ProductRow) -> list[str]:
    details = []
    for attribute, field_name in VARIANT_FIELDS.items():
        new, old = getattr(row, attribute), getattr(variant, field_name)
        if isinstance(new, Decimal) and old is not None:
            old = Decimal(old)
        if new != old:
            details.append(f"{row.sku} {field_name}: {_fmt(old)} → {_fmt(new)}")
    return details


def _product_diff(product: ProductPage, key: str, head: ProductRow) -> list[str]:
    details = [f"product_key: {_fmt(product.product_key)} → {key}"] if product.product_key != key else []
    details += [
        _("%(field)s changed") % {"field": name}
        for name in PRODUCT_TEXT_FIELDS
        if getattr(head, name) != getattr(product, name)
    ]
    if (head.brand or None) != (product.brand.name if product.brand_id else None):
        details.append(f"brand: {_fmt(product.brand.name if product.brand_id else None)} → {_fmt(head.brand)}")
    current = sorted(c.slug for c in product.certifications.all())
    if list(head.certifications) != current:
        details.append(f"certifications: {', '.join(current) or '–'} → {', '.join(head.certifications) or '–'}")
    return details


def _english_diff(product: ProductPage | None, head: ProductRow, english: Locale) -> list[str]:
    if not head.title_en:
        return []
    translation = product.get_translation_or_none(english) if product else None
    if translation is None:
        return [_("English translation created")]
    translation = translation.specific
    return [
        _("%(field)s changed") % {"field": column}
        for column, name in ENGLISH_FIELDS.items()
        if getattr(head, column) and getattr(head, column) != getattr(translation, name)
    ]


def _group(rows: list[ProductRow]) -> dict[str, list[ProductRow]]:
    groups: dict[str, list[ProductRow]] = {}
    for row in rows:
        groups.setdefault(row.product_key, []).append(row)
    return groups


def _row_errors(rows: list[ProductRow], key: str, reason: str) -> list[RowError]:
    return [RowError(row.line, reason, row.sku, key) for row in rows]


def _find_product(
    key: str,
    rows: list[ProductRow],
    category: CategoryPage | None,
    keyed: list[ProductPage],
    variants: dict[str, ProductVariant],
) -> tuple[ProductPage | None, list[RowError]]:
    """The existing product of one product_key: by the stored key, else by a SKU, else by title slug.

    A SKU never changes product through the import: a row whose SKU belongs to a product with
    another key is an error, as is a key the shop has on several products.
    """
    if len(keyed) > 1:
        titles = ", ".join(sorted(page.title for page in keyed))
        reason = _("product_key '%(key)s' is used by several products (%(titles)s); fix it in the admin") % {
            "key": key,
            "titles": titles,
        }
        return None, _row_errors(rows, key, reason)
    errors = []
    for row in rows:
        owner = variants[row.sku].product if row.sku in variants else None
        if owner is None:
            continue
        if (keyed and owner.pk != keyed[0].pk) or owner.product_key not in ("", key):
            errors.append(
                RowError(
                    row.line,
                    _("SKU '%(sku)s' belongs to another product ('%(title)s', product_key '%(other)s')")
                    % {"sku": row.sku, "title": owner.title, "other": owner.product_key or "–"},
                    row.sku,
                    key,
                )
            )
    if errors:
        return None, errors
    if keyed:
        return keyed[0], []
    owners = {variants[row.sku].product_id for row in rows if row.sku in variants}
    if len(owners) > 1:
        reason = _("the SKUs of product_key '%(key)s' belong to different products") % {"key": key}
        return None, _row_errors(rows, key, reason)
    if owners:
        return ProductPage.objects.select_related("brand").get(pk=owners.pop()), []
    if category is not None:
        # Products made before the key was stored (or in the admin) are recognised by their slug once.
        return (
            ProductPage.objects.child_of(category)
            .filter(slug=slugify(rows[0].title), product_key__in=("", key))
            .select_related("brand")
            .first()
        ), []
    return None, []


def plan_products(parsed: ParsedFile, categories: CategoryResolver) -> tuple[list[ProductPlan], list[RowError]]:
    """Decide create/update/unchanged per product_key; report conflicts the file alone cannot show."""
    english = Locale.objects.filter(language_code="en").first()
    variants = {
        v.sku: v
        for v in ProductVariant.objects.filter(sku__in=[row.sku for row in parsed.rows])
        .select_related("product")
        .order_by("pk")
    }
    groups = _group(parsed.rows)
    keyed: dict[str, list[ProductPage]] = {}
    for page in (
        ProductPage.objects.filter(locale=Locale.get_default(), product_key__in=list(groups))
        .select_related("brand")
        .order_by("pk")
    ):
        keyed.setdefault(page.product_key, []).append(page)
    plans, errors = [], []
    for key, rows in groups.items():
        head = rows[0]
        lines = [row.line for row in rows]
        category = categories.find(head.category_path)
        product, conflicts = _find_product(key, rows, category, keyed.get(key, []), variants)
        if conflicts:
            errors += conflicts
            continue
        if product is not None and (category is None or product.get_parent().pk != category.pk):
            reason = _("product '%(title)s' is in another category (%(current)s); moving is not supported") % {
                "title": product.title,
                "current": product.get_parent().title,
            }
            errors += _row_errors(rows, key, reason)
            continue
        if product is None:
            details = [f"{row.sku}: {row.size_label}, {row.price} €" for row in rows]
            if category is None:
                details.insert(0, _("new category %(path)s") % {"path": "/".join(head.category_path)})
            change = ProductChange(key, head.title, CREATE, lines, details)
        else:
            details = _product_diff(product, key, head)
            for row in rows:
                if row.sku in variants:
                    details += _variant_diff(variants[row.sku], row)
                else:
                    details.append(_("new variant %(sku)s") % {"sku": row.sku})
            details += _english_diff(product, head, english) if english else []
            change = ProductChange(key, head.title, UPDATE if details else UNCHANGED, lines, details)
        plans.append(ProductPlan(key, rows, product, category, change, variants))
    return plans, errors


def _set_variant(variant: ProductVariant, row: ProductRow, sort_order: int) -> ProductVariant:
    for attribute, field_name in VARIANT_FIELDS.items():
        setattr(variant, field_name, getattr(row, attribute))
    if variant.pk is None:
        variant.sort_order = sort_order
    return variant


def _brand(name: str) -> Brand | None:
    if not name:
        return None
    brand = Brand.objects.filter(name=name).first()
    return brand or Brand.objects.create(name=name, slug=slugify(name)[:120])


def _write_product(plan: ProductPlan, categories: CategoryResolver, certifications: dict[str, Certification]):
    head = plan.head
    product = plan.product
    if product is None:
        category = plan.category or categories.ensure(head.category_path)
        product = ProductPage(title=head.title, slug=unique_child_slug(category, slugify(head.title)))
        variants = []
    else:
        category = plan.category
        variants = list(product.variants.all())
    by_sku = {v.sku: v for v in variants}
    for position, row in enumerate(plan.rows):
        variant = by_sku.get(row.sku) or ProductVariant(sku=row.sku)
        if variant.sku not in by_sku:
            variants.append(variant)
        _set_variant(variant, row, position + len(by_sku))
    product.product_key = plan.key
    for name in PRODUCT_TEXT_FIELDS:
        setattr(product, name, getattr(head, name))
    product.brand = _brand(head.brand)
    product.certifications = [certifications[slug] for slug in head.certifications]
    product.variants = variants
    if product.pk is None:
        category.add_child(instance=product)
    product.refresh_listing_fields()
    product.save_revision().publish()
    return product


def _write_english(product: ProductPage, head: ProductRow, english: Locale) -> None:
    translation = product.get_translation_or_none(english)
    if translation is None:
        translation = copy_with_slug(product, english, slugify(head.title_en))
    translation = translation.specific
    changed = False
    for column, name in ENGLISH_FIELDS.items():
        value = getattr(head, column)
        if value and value != getattr(translation, name):
            setattr(translation, name, value)
            changed = True
    if changed or not translation.live:
        translation.save_revision().publish()


def import_products(
    content: bytes | str,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate the whole file, plan, and (unless dry-run or blocked by errors) write in one transaction.

    Without `skip_invalid` any invalid row means nothing is written. With it, every product that
    has an invalid row is left out and the others are imported.
    """
    text = decode(content) if isinstance(content, bytes) else content
    parsed = parse_file(text, known_certifications())
    categories = CategoryResolver()
    plans, conflicts = plan_products(parsed, categories)
    errors = sorted(parsed.errors + conflicts, key=lambda e: e.line)
    bad_lines = {error.line for error in errors}
    # A product with an invalid row is never imported partially.
    bad_keys = {error.product_key for error in errors if error.product_key}
    plans = [plan for plan in plans if plan.key not in bad_keys]
    report = ImportReport(errors=errors, failed=len(bad_lines), dry_run=dry_run)
    for plan in plans:
        report.changes.append(plan.change)
    report.created = sum(plan.change.action == CREATE for plan in plans)
    report.updated = sum(plan.change.action == UPDATE for plan in plans)
    report.unchanged = sum(plan.change.action == UNCHANGED for plan in plans)
    if dry_run or (errors and not skip_invalid):
        return report

    english = Locale.objects.filter(language_code="en").first()
    certifications = {c.slug: c for c in Certification.objects.filter(locale=Locale.get_default())}
    pending = [plan for plan in plans if plan.change.action != UNCHANGED]
    with transaction.atomic():
        for plan in progress(pending) if progress else pending:
            product = _write_product(plan, categories, certifications)
            if english and plan.head.title_en:
                _write_english(product, plan.head, english)
    report.written = True
    return report
