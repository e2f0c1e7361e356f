"""Catalogue test data: factories for snippets and a `build_catalog` that makes a whole shop of a given size."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
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
)

_sku = itertools.count(1)


def make_ean13(number: int) -> str:
    body = f"400{number:09d}"
    return body + ean_checksum.calc_check_digit(body)


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


def variant(
    price: str = "9.90",
    *,
    stock: int = 20,
    net_quantity: str = "250",
    net_unit: str = "g",
    compare_at: str | None = None,
    **fields,
) -> ProductVariant:
    number = next(_sku)
    return ProductVariant(
        sku=fields.pop("sku", f"NW-{number:06d}"),
        ean=fields.pop("ean", make_ean13(number)),
        size_label=fields.pop("size_label", f"{net_quantity} {net_unit}"),
        net_quantity=Decimal(net_quantity),
        net_unit=net_unit,
        retail_price=Decimal(price),
        compare_at_price=Decimal(compare_at) if compare_at else None,
        stock_quantity=stock,
        **fields,
    )


def make_category(parent: Page, title: str, **fields) -> CategoryPage:
    page = CategoryPage(title=title, slug=fields.pop("slug", None) or _slug(title), **fields)
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
    page = ProductPage(
        title=title,
        slug=fields.pop("slug", None) or _slug(title),
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


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))


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
