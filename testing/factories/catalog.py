"""Catalogue data: snippets, categories, products and variants, from one factory each.

Two ways to put pages in the tree: `make_category` / `make_product` publish like an editor (a revision,
the publish signals), `add_category` / `add_product` only add a live page (cheaper, for tests that need
rows to price and sell, not pages to render after an edit).
"""

from __future__ import annotations

import datetime
import itertools
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from stdnum import ean as ean_checksum
from wagtail.models import Locale, Page

from catalog.models import (
    Attribute,
    Brand,
    CategoryPage,
    Certification,
    ProductGalleryImage,
    ProductPage,
    ProductVariant,
    TaxClass,
)

_serial = itertools.count(1)


def make_ean13(number: int) -> str:
    body = f"400{number:09d}"
    return body + ean_checksum.calc_check_digit(body)


def slug_of(title: str) -> str:
    return slugify(title.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))


def tree_root() -> Page:
    """The tree root; transactional tests flush the one Wagtail's migrations created."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code="de")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


# --- factories ------------------------------------------------------------------------------------
class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.django.ImageField(width=64, height=64, color="green")


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    name = factory.Sequence(lambda n: f"Marke {n}")
    slug = factory.Sequence(lambda n: f"marke-{n}")


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    name = factory.Sequence(lambda n: f"Siegel {n}")
    slug = factory.Sequence(lambda n: f"siegel-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))


class AttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribute

    group = "Hauttyp"
    value = factory.Sequence(lambda n: f"Wert {n}")
    slug = factory.Sequence(lambda n: f"wert-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))


class CategoryPageFactory(wagtail_factories.PageFactory):
    """`CategoryPageFactory(parent=home, title="Tee")`: a live category below `parent`."""

    class Meta:
        model = CategoryPage

    title = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slug_of(page.title)}-{n}")


class ProductPageFactory(wagtail_factories.PageFactory):
    """`ProductPageFactory(parent=category, title="Olivenseife")`: a live product without variants."""

    class Meta:
        model = ProductPage

    title = factory.Sequence(lambda n: f"Produkt {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slug_of(page.title)}-{n}")


class ProductVariantFactory(factory.django.DjangoModelFactory):
    """A variant of `product` (built unsaved with `.build()` for a page that is still to be added)."""

    class Meta:
        model = ProductVariant

    sku = factory.Sequence(lambda n: f"VAR-{n:06d}")
    size_label = factory.LazyAttribute(lambda variant: f"{variant.net_quantity} {variant.net_unit}")
    net_quantity = Decimal("250")
    net_unit = "g"
    retail_price = Decimal("11.90")
    tax_class = TaxClass.STANDARD
    stock_quantity = 20


# --- pages published like an editor does ------------------------------------------------------------
def variant(
    price: str = "9.90",
    *,
    stock: int = 20,
    net_quantity: str = "250",
    net_unit: str = "g",
    compare_at: str | None = None,
    **fields,
) -> ProductVariant:
    """An unsaved variant with SKU and EAN, for `make_product(variants=[...])`."""
    number = next(_serial)
    fields.setdefault("sku", f"NW-{number:06d}")
    fields.setdefault("ean", make_ean13(number))
    return ProductVariantFactory.build(
        net_quantity=Decimal(net_quantity),
        net_unit=net_unit,
        size_label=fields.pop("size_label", f"{net_quantity} {net_unit}"),
        retail_price=Decimal(price),
        compare_at_price=Decimal(compare_at) if compare_at else None,
        stock_quantity=stock,
        **fields,
    )


def make_category(parent: Page, title: str, **fields) -> CategoryPage:
    page = CategoryPageFactory.build(title=title, slug=fields.pop("slug", None) or slug_of(title), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_product(
    parent: CategoryPage,
    title: str,
    *,
    variants: list[ProductVariant] | None = None,
    images: list | None = None,
    certifications=(),
    attributes=(),
    additional_categories=(),
    published_at: datetime.datetime | None = None,
    **fields,
) -> ProductPage:
    """A live product with its variants and gallery, published like an editor would."""
    page = ProductPageFactory.build(
        title=title,
        slug=fields.pop("slug", None) or slug_of(title),
        variants=variants if variants is not None else [variant()],
        gallery_images=[ProductGalleryImage(image=image, alt_text=f"{title} Bild") for image in images or []],
        **fields,
    )
    page.certifications = list(certifications)
    page.attributes = list(attributes)
    page.additional_categories = list(additional_categories)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if published_at is not None:
        ProductPage.objects.filter(pk=page.pk).update(first_published_at=published_at)
        page.first_published_at = published_at
    return page


# --- rows to price and sell ----------------------------------------------------------------------
def add_category(parent: Page, title: str, *, slug: str | None = None) -> CategoryPage:
    return CategoryPageFactory(parent=parent, title=title, locale=parent.locale, **({"slug": slug} if slug else {}))


def add_product(category: Page, title: str, brand: Brand | None = None, *, slug: str | None = None) -> ProductPage:
    return ProductPageFactory(
        parent=category, title=title, brand=brand, locale=category.locale, **({"slug": slug} if slug else {})
    )


def make_variant(
    product: ProductPage,
    price: str = "11.90",
    *,
    stock: int = 20,
    tax_class: str = TaxClass.STANDARD,
    net_quantity: str = "250",
    weight_grams: int = 300,
    compare_at_price: str | None = None,
    **fields,
) -> ProductVariant:
    """A saved variant of `product`: 250 g, 300 g shipping weight, 20 in stock unless told otherwise."""
    fields.setdefault("sku", f"SKU-{next(_serial)}")
    return ProductVariantFactory(
        product=product,
        retail_price=Decimal(price),
        stock_quantity=stock,
        tax_class=tax_class,
        net_quantity=Decimal(net_quantity),
        weight_grams=weight_grams,
        compare_at_price=Decimal(compare_at_price) if compare_at_price else None,
        **fields,
    )


def sku_variant(
    product: ProductPage,
    sku: str,
    retail_price: str = "11.90",
    *,
    tax_class: str = TaxClass.STANDARD,
    compare_at_price: str | None = None,
    net_quantity: str = "250",
    net_unit: str = "g",
) -> ProductVariant:
    """A variant named by its SKU, with no stock and no shipping weight: for prices, not for sales."""
    return make_variant(
        product,
        retail_price,
        sku=sku,
        stock=0,
        weight_grams=0,
        tax_class=tax_class,
        compare_at_price=compare_at_price,
        net_quantity=net_quantity,
        net_unit=net_unit,
    )


def standalone_variant(*, stock: int = 10, price: str = "11.90", backorder: bool = False, **fields) -> ProductVariant:
    """A 100 g soap of its own product right below the tree root: enough for an order, no shop needed."""
    n = next(_serial)
    product = add_product(tree_root(), f"Seife {n}", slug=f"seife-{n}-{uuid.uuid4().hex[:6]}")
    fields.setdefault("sku", f"SKU-{n}-{uuid.uuid4().hex[:6]}")
    fields.setdefault("size_label", "100 g")
    return make_variant(
        product,
        price,
        stock=stock,
        net_quantity="100",
        weight_grams=fields.pop("weight_grams", 0),
        backorder_allowed=backorder,
        **fields,
    )


# --- a whole catalogue ------------------------------------------------------------------------------
@dataclass
class Catalog:
    root: CategoryPage
    subcategories: list[CategoryPage]
    products: list[ProductPage] = field(default_factory=list)
    brands: list[Brand] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)


def build_catalog(home: Page, size: int) -> Catalog:
    """`size` products with 1–4 variants, an image each, spread over 3 subcategories, 4 brands, 3 seals, 2 groups."""
    root = make_category(home, "Naturkosmetik")
    subcategories = [make_category(root, f"Unterkategorie {i}") for i in range(3)]
    brands = [BrandFactory() for _ in range(4)]
    certifications = [CertificationFactory() for _ in range(3)]
    attributes = [AttributeFactory(group="Hauttyp"), AttributeFactory(group="Hauttyp")]
    attributes += [AttributeFactory(group="Duft"), AttributeFactory(group="Duft")]
    image = ImageFactory()
    catalog = Catalog(root, subcategories, [], brands, certifications, attributes)
    start = timezone.now() - datetime.timedelta(days=size)
    for i in range(size):
        count = i % 4 + 1
        catalog.products.append(
            make_product(
                subcategories[i % 3],
                f"Produkt {i:04d}",
                brand=brands[i % 4],
                variants=[variant(f"{4 + (i * 7 + v * 5) % 60}.90", stock=(i + v) % 12) for v in range(count)],
                images=[image],
                certifications=[certifications[i % 3]],
                attributes=[attributes[i % 2], attributes[2 + i % 2]],
                published_at=start + datetime.timedelta(days=i),
            )
        )
    return catalog
