"""Page-building helpers for the content tests: the demo site plus pages made on the spot."""

from __future__ import annotations

from decimal import Decimal

import pytest
from wagtail.models import Locale

from content.models import HomePage


@pytest.fixture
def home(demo_site):
    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def en_home(demo_site):
    return HomePage.objects.get(locale__language_code="en")


def publish(parent, page):
    """Add `page` below `parent` and publish it (as an editor would)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language_code="en", **fields):
    """Publish an English copy of a German page (its parents must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def make_product(category, title, price="9.90", sku=None, **fields):
    from catalog.models import ProductPage, ProductVariant

    product = ProductPage(title=title, **fields)
    product.variants = [
        ProductVariant(
            sku=sku or f"SKU-{title}",
            size_label="100 g",
            net_quantity=Decimal("100"),
            net_unit="g",
            retail_price=Decimal(price),
            stock_quantity=10,
        )
    ]
    product.min_price = Decimal(price)
    return publish(category, product)
