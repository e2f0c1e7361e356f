"""Write the demo catalogue: categories, brands, seals, attributes, products with variants and images.

Idempotent by natural keys (category slug, brand name, seal/attribute slug, variant SKU, image
title): a second run finds everything and writes nothing. Product number `i` is generated
deterministically from `i`, so `--products 1000` after `--products 160` only adds the rest.
Images come from a small pool (per category and shape) drawn with Pillow and reused, which keeps
large catalogues fast while every product still gets a gallery of 1–3 images with alt text.
"""

from __future__ import annotations

import io
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from stdnum import ean as ean_checksum
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalog.models import (
    Attribute,
    Brand,
    CategoryPage,
    Certification,
    ProductGalleryImage,
    ProductPage,
    ProductVariant,
)
from catalog.translations import copy_with_slug
from demo.catalog_data import (
    ASSORTMENT,
    ATTRIBUTES,
    BRANDS,
    CATEGORIES,
    CERTIFICATIONS,
    PRODUCT_LINES,
    CategoryData,
    SubcategoryAssortment,
)

DEFAULT_PRODUCT_COUNT = 160
GS1_DEMO_PREFIX = "4262"  # not a real company prefix: demo EANs only
SKU_PREFIX = "NW"

Progress = Callable[[Iterable], Iterable]


# --- Product specifications (pure: the same index always gives the same product) ---------------


@dataclass(frozen=True)
class VariantSpec:
    sku: str
    ean: str
    size_label: str
    net_quantity: Decimal
    net_unit: str
    weight_grams: int
    retail_price: Decimal
    compare_at_price: Decimal | None
    tax_class: str
    stock_quantity: int
    backorder_allowed: bool


@dataclass(frozen=True)
class ProductSpec:
    index: int
    category: str
    title: str
    title_en: str
    slug: str
    slug_en: str
    brand: str
    short_description: str
    short_description_en: str
    description: str
    description_en: str
    ingredients: str
    allergens: str
    usage: str
    usage_en: str
    certifications: tuple[str, ...]
    attributes: tuple[str, ...]
    additional_category: str | None
    related_indexes: tuple[int, ...]
    image_keys: tuple[str, ...]
    variants: tuple[VariantSpec, ...] = field(default=())


def ean13(index: int, variant: int) -> str:
    """A valid EAN-13 under the demo prefix: 4 + 6 + 2 digits and the computed check digit."""
    body = f"{GS1_DEMO_PREFIX}{index:06d}{variant:02d}"
    return body + ean_checksum.calc_check_digit(body)


def shelf_price(amount: Decimal) -> Decimal:
    """Round to a believable shelf price ending in ,49 / ,90 / ,99."""
    euros = int(amount)
    cents = amount - euros
    if cents < Decimal("0.45"):
        ending = Decimal("0.49") if euros else Decimal("0.99")
    elif cents < Decimal("0.85"):
        ending = Decimal("0.90")
    else:
        ending = Decimal("0.99")
    return Decimal(euros) + ending


def _variant_specs(index: int, assortment: SubcategoryAssortment, base_price: Decimal, rng: random.Random):
    count = min(rng.choice((1, 1, 2, 2, 3, 4)), len(assortment.sizes))
    variants = []
    for position, size in enumerate(assortment.sizes[:count]):
        price = shelf_price((base_price * size.price_factor).quantize(Decimal("0.01"), ROUND_HALF_UP))
        compare_at = None
        if rng.random() < 0.15:
            compare_at = shelf_price(price * Decimal("1.2"))
            if compare_at <= price:
                compare_at = price + Decimal("1.00")
        roll = rng.random()
        backorder = False
        if roll < 0.08:
            stock = 0
        elif roll < 0.12:
            stock, backorder = 0, True
        elif roll < 0.22:
            stock = rng.randint(1, 4)
        else:
            stock = rng.randint(10, 250)
        grams_per_unit = {"g": 1, "kg": 1000, "ml": 1, "l": 1000, "piece": 100}[size.unit]
        weight = int(size.quantity * grams_per_unit * Decimal("1.08")) + 40
        variants.append(
            VariantSpec(
                sku=f"{SKU_PREFIX}-{assortment.code}-{index:05d}-{position + 1}",
                ean=ean13(index, position + 1),
                size_label=size.label,
                net_quantity=size.quantity,
                net_unit=size.unit,
                weight_grams=weight,
                retail_price=price,
                compare_at_price=compare_at,
                tax_class=assortment.tax_class,
                stock_quantity=stock,
                backorder_allowed=backorder,
            )
        )
    return tuple(variants)


def product_spec(index: int) -> ProductSpec:
    """Product number `index` of the demo catalogue, spread evenly over the subcategories."""
    assortment = ASSORTMENT[index % len(ASSORTMENT)]
    turn = index // len(ASSORTMENT)
    kind = assortment.kinds[turn % len(assortment.kinds)]
    round_ = turn // len(assortment.kinds)
    rng = random.Random(index)  # demo data, reproducible on purpose
    title, title_en = kind.title, kind.title_en
    if round_:
        line, line_en = PRODUCT_LINES[(round_ - 1) % len(PRODUCT_LINES)]
        cycle = (round_ - 1) // len(PRODUCT_LINES)
        title, title_en = f"{title} {line}", f"{title_en} {line_en}"
        if cycle:
            title, title_en = f"{title} {cycle + 1}", f"{title_en} {cycle + 1}"
    brand = assortment.brands[(turn + round_) % len(assortment.brands)]
    attributes = kind.attributes
    certifications = kind.certifications
    if "vegan" not in certifications and assortment.category not in ("koerperpflege",) and rng.random() < 0.2:
        certifications = (*certifications, "vegan")
    related = tuple(index - step * len(ASSORTMENT) for step in (1, 2, 3) if index - step * len(ASSORTMENT) >= 0)
    if not related and index >= 1:
        related = (index - 1,)
    # Up to 3 shapes × 3 variations per subcategory: neighbours in a category look different.
    images = tuple(
        f"{assortment.category}-{assortment.shapes[(turn + k) % len(assortment.shapes)]}-{(turn // 3 + k) % 3}"
        for k in range(1 + turn % 3)
    )
    return ProductSpec(
        index=index,
        category=assortment.category,
        title=title,
        title_en=title_en,
        slug=slugify(title),
        slug_en=slugify(title_en),
        brand=brand,
        short_description=f"{title} von {brand} – {kind.ingredients.split('.')[0][:120]}.",
        short_description_en=f"{title_en} by {brand}.",
        description=f"<p>{assortment.description.format(title=title)}</p>",
        description_en=f"<p>{assortment.description_en.format(title=title_en)}</p>",
        ingredients=kind.ingredients,
        allergens=kind.allergens,
        usage=assortment.usage,
        usage_en=assortment.usage_en,
        certifications=certifications,
        attributes=attributes,
        additional_category=kind.also_in,
        related_indexes=related,
        image_keys=images,
        variants=_variant_specs(index, assortment, kind.price, rng),
    )


# --- Images (Pillow, no downloads) ------------------------------------------------------------


FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # Debian fonts-dejavu-core: has umlauts
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def demo_font(size: int):
    """A system font with umlauts when there is one; Pillow's built-in font (ASCII only) otherwise."""
    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size=size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def render_product_image(label: str, colour: tuple[int, int, int], shape: str, variation: int) -> bytes:
    """A calm square product graphic: tinted background, a simple shape, the category initials."""
    size = 800
    light = tuple(min(255, c + 150) for c in colour)
    image = PILImage.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    for step in range(0, size, 8):  # soft vertical gradient
        mix = step / size
        tone = tuple(int(light[i] * (1 - mix * 0.25) + colour[i] * mix * 0.25) for i in range(3))
        draw.rectangle([0, step, size, step + 8], fill=tone)
    offset = (variation - 1) * 60
    if shape == "leaf":
        draw.ellipse([200 + offset, 140, 600 + offset, 660], fill=colour)
        draw.line([400 + offset, 160, 400 + offset, 640], fill=light, width=10)
    elif shape == "drop":
        draw.polygon([(400 + offset, 120), (560 + offset, 420), (240 + offset, 420)], fill=colour)
        draw.ellipse([240 + offset, 300, 560 + offset, 620], fill=colour)
    elif shape == "bottle":
        draw.rounded_rectangle([280 + offset, 240, 520 + offset, 660], radius=40, fill=colour)
        draw.rectangle([350 + offset, 150, 450 + offset, 250], fill=tuple(max(0, c - 40) for c in colour))
    else:
        draw.ellipse([180 + offset, 180, 620 + offset, 620], fill=colour)
    initials = "".join(word[0] for word in label.replace("&", " ").split()[:2]).upper()
    draw.text((400 + offset, 410), initials, font=demo_font(120), fill="white", anchor="mm")
    draw.text((400, 730), label, font=demo_font(44), fill=tuple(max(0, c - 60) for c in colour), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def render_seal(label: str, colour: tuple[int, int, int]) -> bytes:
    """A round seal logo for a certification or brand."""
    size = 400
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([10, 10, size - 10, size - 10], fill=colour)
    draw.ellipse([34, 34, size - 34, size - 34], outline="white", width=8)
    font_size = 88 if len(label) <= 6 else max(36, int(520 / len(label)))
    draw.text((size / 2, size / 2), label, font=demo_font(font_size), fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_image(title: str, render: Callable[[], bytes], filename: str, cache: dict | None = None):
    """The Wagtail image titled `title`, drawn and stored only if it does not exist yet."""
    if cache is not None and title in cache:
        return cache[title]
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(io.BytesIO(render()), name=filename))
        image._set_image_file_metadata()
        image.save()
    if cache is not None:
        cache[title] = image
    return image


# --- Indexing ---------------------------------------------------------------------------------


class PageIndexer:
    """Collects seeded pages and indexes each once (search in batches, reference index per page)."""

    batch_size = 200

    def __init__(self):
        self.pending: dict[type, list] = defaultdict(list)

    def add(self, page) -> None:
        ReferenceIndex.create_or_update_for_object(page)
        self.pending[type(page)].append(page)
        if sum(len(pages) for pages in self.pending.values()) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for model, pages in self.pending.items():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, pages)
        self.pending.clear()


@contextmanager
def deferred_indexing():
    """Index seeded pages once instead of on each of their 3–4 saves.

    Without this a product costs four search-index and ~eight reference-index updates.
    """
    models = list(search_index.get_indexed_models())
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    indexer = PageIndexer()
    try:
        with disable_reference_index_auto_update():
            yield indexer
            indexer.flush()
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


# --- Writers -------------------------------------------------------------------------------


@dataclass
class CatalogSeed:
    """What the seeding found or made, for the editorial seed to reference."""

    categories: dict[str, CategoryPage]
    categories_en: dict[str, CategoryPage]
    brands: dict[str, Brand]
    certifications: dict[str, Certification]
    attributes: dict[str, Attribute]
    created_products: int = 0
    created_translations: int = 0


def _publish(page) -> None:
    page.save_revision().publish()


LIVE_FIELDS = ["live", "has_unpublished_changes", "first_published_at", "last_published_at"]


def _mark_live(page) -> None:
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now


def _go_live(page, *, save: bool, update_fields: list[str] | None = None) -> None:
    """Store a revision and make it the live one: the end state of `publish()`, without its cost.

    The publish action re-reads the revision, re-validates and re-saves the page and sends
    signals; for thousands of freshly generated products that is half of the seeding time.
    The page is validated once (on creation), gets its revision and its "published" log entry.
    `update_fields` saves only those columns (a product's full save also rewrites its variants,
    images and relations).
    """
    _mark_live(page)
    if save:
        page.save(clean=False, update_fields=None if update_fields is None else [*update_fields, *LIVE_FIELDS])
    revision = page.save_revision(clean=False, log_action=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision, page.has_unpublished_changes = revision, False
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)


def _locales() -> tuple[Locale, Locale]:
    return Locale.objects.get(language_code="de"), Locale.objects.get(language_code="en")


def ensure_brands() -> dict[str, Brand]:
    existing = {brand.name: brand for brand in Brand.objects.filter(name__in=BRANDS)}
    for name, description in BRANDS.items():
        if name not in existing:
            existing[name] = Brand.objects.create(name=name, slug=slugify(name), description=description)
    return existing


def ensure_certifications(de: Locale, en: Locale) -> dict[str, Certification]:
    found = {c.slug: c for c in Certification.objects.filter(locale=de, slug__in=CERTIFICATIONS)}
    for slug, (name, name_en, colour, description) in CERTIFICATIONS.items():
        if slug not in found:
            logo = ensure_image(f"Siegel {name}", lambda n=name, c=colour: render_seal(n, c), f"siegel-{slug}.png")
            found[slug] = Certification.objects.create(
                locale=de, name=name, slug=slug, logo=logo, description=description
            )
        if found[slug].get_translation_or_none(en) is None:
            translated = found[slug].copy_for_translation(en)
            translated.name = name_en
            translated.description = ""
            translated.save()
    return found


def ensure_attributes(de: Locale, en: Locale) -> dict[str, Attribute]:
    found = {a.slug: a for a in Attribute.objects.filter(locale=de, slug__in=ATTRIBUTES)}
    for slug, (group, value, group_en, value_en) in ATTRIBUTES.items():
        if slug not in found:
            found[slug] = Attribute.objects.create(locale=de, group=group, value=value, slug=slug)
        if found[slug].get_translation_or_none(en) is None:
            translated = found[slug].copy_for_translation(en)
            translated.group, translated.value = group_en, value_en
            translated.save()
    return found


def _category_image(data: CategoryData, cache: dict):
    return ensure_image(
        f"Kategorie {data.title}",
        lambda: render_product_image(data.title, data.colour, "circle", 1),
        f"kategorie-{data.key}.jpg",
        cache,
    )


def ensure_categories(home: Page, en: Locale, image_cache: dict, indexer: PageIndexer) -> tuple[dict, dict]:
    """The two-level category tree under the German home page, each with its English translation."""
    categories: dict[str, CategoryPage] = {}
    categories_en: dict[str, CategoryPage] = {}
    for data in CATEGORIES:
        parent = home if data.parent is None else categories[data.parent]
        page = CategoryPage.objects.child_of(parent).filter(slug=data.key).first()
        if page is None:
            page = parent.add_child(
                instance=CategoryPage(
                    title=data.title,
                    slug=data.key,
                    intro=f"<p>{data.intro}</p>",
                    image=_category_image(data, image_cache),
                    seo_title=f"{data.title} in Bio-Qualität kaufen | Naturwest",
                    search_description=data.intro,
                    show_in_menus=data.parent is None,
                )
            )
            _publish(page)
            indexer.add(page)
        categories[data.key] = page
        translation = page.get_translation_or_none(en)
        if translation is None:
            translation = copy_with_slug(page, en, slugify(data.title_en))
            translation.title = data.title_en
            translation.intro = f"<p>{data.intro_en}</p>"
            translation.seo_title = f"Buy organic {data.title_en.lower()} | Naturwest"
            translation.search_description = data.intro_en
            _publish(translation)
            indexer.add(translation)
        categories_en[data.key] = translation.specific
    return categories, categories_en


def _unique_slug(slug: str, taken: set[str], index: int) -> str:
    candidate = slug if slug not in taken else f"{slug}-{index}"
    taken.add(candidate)
    return candidate


TRANSLATED_PRODUCT_FIELDS = [
    "title",
    "draft_title",
    "short_description",
    "description",
    "usage",
    "seo_title",
    "search_description",
]


class CatalogSeeder:
    """Creates missing demo products (German source + English translation) in product-index order."""

    def __init__(self, seed: CatalogSeed, de: Locale, en: Locale, indexer: PageIndexer):
        self.seed = seed
        self.indexer = indexer
        self.de, self.en = de, en
        self.image_cache: dict = {}
        self.colours = {c.key: c.colour for c in CATEGORIES}
        self.titles = {c.key: c.title for c in CATEGORIES}
        self.taken_slugs: dict[int, set[str]] = {}
        # Existing demo products by their first SKU; and which sources already have an English page.
        demo_variants = ProductVariant.objects.filter(sku__startswith=f"{SKU_PREFIX}-")
        self.product_ids: dict[str, int] = dict(demo_variants.values_list("sku", "product_id"))
        self.translation_keys = dict(
            ProductPage.objects.filter(pk__in=set(self.product_ids.values())).values_list("pk", "translation_key")
        )
        self.translated_keys = set(ProductPage.objects.filter(locale=en).values_list("translation_key", flat=True))

    def image(self, key: str):
        category, shape, variation = key.rsplit("-", 2)
        title = self.titles[category]
        return ensure_image(
            f"Produktbild {title} {shape} {variation}",
            lambda: render_product_image(title, self.colours[category], shape, int(variation)),
            f"produkt-{key}.jpg",
            self.image_cache,
        )

    def slugs_under(self, parent: Page) -> set[str]:
        if parent.pk not in self.taken_slugs:
            self.taken_slugs[parent.pk] = set(Page.objects.child_of(parent).values_list("slug", flat=True))
        return self.taken_slugs[parent.pk]

    def product_id(self, index: int) -> int | None:
        return self.product_ids.get(product_spec(index).variants[0].sku)

    def ensure_product(self, spec: ProductSpec) -> None:
        product_id = self.product_ids.get(spec.variants[0].sku)
        if product_id is not None and self.translation_keys.get(product_id) in self.translated_keys:
            return
        with transaction.atomic():
            if product_id is None:
                page = self.create_product(spec)
                self.indexer.add(page)
                self.product_ids[spec.variants[0].sku] = page.pk
                self.seed.created_products += 1
            else:
                page = ProductPage.objects.get(pk=product_id)
            self.indexer.add(self.translate_product(page, spec))
        self.translated_keys.add(page.translation_key)
        self.seed.created_translations += 1

    def create_product(self, spec: ProductSpec) -> ProductPage:
        category = self.seed.categories[spec.category]
        related_ids = [pid for pid in (self.product_id(i) for i in spec.related_indexes) if pid]
        page = ProductPage(
            title=spec.title,
            slug=_unique_slug(spec.slug, self.slugs_under(category), spec.index),
            locale=self.de,
            brand=self.seed.brands[spec.brand],
            short_description=spec.short_description[:300],
            description=spec.description,
            ingredients=spec.ingredients,
            allergens=spec.allergens,
            usage=spec.usage,
            seo_title=f"{spec.title} von {spec.brand} kaufen | Naturwest",
            search_description=spec.short_description[:300],
        )
        page.certifications = [self.seed.certifications[slug] for slug in spec.certifications]
        page.attributes = [self.seed.attributes[slug] for slug in spec.attributes]
        if spec.additional_category:
            page.additional_categories = [self.seed.categories[spec.additional_category]]
        page.related_products = list(ProductPage.objects.filter(pk__in=related_ids).only("pk"))
        page.gallery_images = [
            ProductGalleryImage(
                image=self.image(key), alt_text=f"{spec.title} von {spec.brand} – Ansicht {n + 1}", sort_order=n
            )
            for n, key in enumerate(spec.image_keys)
        ]
        page.variants = [ProductVariant(sort_order=n, **variant.__dict__) for n, variant in enumerate(spec.variants)]
        _mark_live(page)
        category.add_child(instance=page)  # the one full save: page, variants, images, relations
        _go_live(page, save=False)
        return page

    def translate_product(self, page: ProductPage, spec: ProductSpec) -> ProductPage:
        parent = self.seed.categories_en[spec.category]
        translation = copy_with_slug(page, self.en, _unique_slug(spec.slug_en, self.slugs_under(parent), spec.index))
        translation.title = translation.draft_title = spec.title_en
        translation.short_description = spec.short_description_en
        translation.description = spec.description_en
        translation.usage = spec.usage_en
        translation.seo_title = f"Buy {spec.title_en} by {spec.brand} | Naturwest"
        translation.search_description = spec.short_description_en
        images = list(ProductGalleryImage.objects.filter(product=translation).order_by("sort_order"))
        for n, item in enumerate(images):
            item.alt_text = f"{spec.title_en} by {spec.brand} – view {n + 1}"
        ProductGalleryImage.objects.bulk_update(images, ["alt_text"])
        translation.gallery_images = images  # for the revision, which serialises the in-memory cluster
        # The copy saved everything already; only the translated columns change.
        _go_live(translation, save=True, update_fields=TRANSLATED_PRODUCT_FIELDS)
        return translation


def seed_catalog(home: Page, *, products: int = DEFAULT_PRODUCT_COUNT, progress: Progress | None = None) -> CatalogSeed:
    """Make sure the demo catalogue with `products` products exists (in German and English)."""
    de, en = _locales()
    image_cache: dict = {}
    with deferred_indexing() as indexer:
        with transaction.atomic():
            categories, categories_en = ensure_categories(home, en, image_cache, indexer)
        seed = CatalogSeed(
            categories=categories,
            categories_en=categories_en,
            brands=ensure_brands(),
            certifications=ensure_certifications(de, en),
            attributes=ensure_attributes(de, en),
        )
        seeder = CatalogSeeder(seed, de, en, indexer)
        seeder.image_cache = image_cache
        specs = (product_spec(index) for index in range(products))
        for spec in progress(specs) if progress else specs:
            seeder.ensure_product(spec)
    return seed
