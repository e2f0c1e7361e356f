from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from catalog.models import CategoryPage, ProductPage, ProductVariant, StockState
from catalog.tests.factories import make_category, make_product, variant
from content.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(home_de):
    return make_category(home_de, "Tee")


# --- Page-type rules --------------------------------------------------------------------


def test_category_pages_may_be_created_under_home_and_categories_only(home_de, category):
    assert CategoryPage.can_create_at(home_de)
    assert CategoryPage.can_create_at(category)
    assert not CategoryPage.can_create_at(Page.get_first_root_node())


def test_product_pages_may_be_created_under_categories_only(home_de, category):
    assert ProductPage.can_create_at(category)
    assert not ProductPage.can_create_at(home_de)
    assert not ProductPage.can_create_at(Page.get_first_root_node())


def test_product_pages_have_no_children(home_de, category):
    product = make_product(category, "Pfefferminztee")

    assert ProductPage.allowed_subpage_models() == []
    assert not CategoryPage.can_create_at(product)
    assert not StandardPage.can_create_at(product)
    assert HomePage in CategoryPage.allowed_parent_page_models()


# --- Denormalised listing fields --------------------------------------------------------


def test_publishing_sets_min_price_and_stock_from_active_variants(category):
    product = make_product(
        category,
        "Kamillentee",
        variants=[variant("7.50", stock=0), variant("4.20", stock=3), variant("1.00", stock=9, active=False)],
    )

    product.refresh_from_db()
    assert product.min_price == Decimal("4.20")
    assert product.in_stock is True


def test_a_product_whose_variants_are_sold_out_is_not_in_stock(category):
    product = make_product(category, "Rooibos", variants=[variant("5.00", stock=0)])

    product.refresh_from_db()
    assert product.in_stock is False


def test_backorder_counts_as_available(category):
    product = make_product(category, "Mate", variants=[variant("5.00", stock=0, backorder_allowed=True)])

    product.refresh_from_db()
    assert product.in_stock is True


def test_a_price_change_published_on_the_source_updates_the_translation(category, locale_en):
    product = make_product(category, "Salbeitee", variants=[variant("6.00")])
    english = product.copy_for_translation(locale_en, copy_parents=True)
    english.save_revision().publish()

    product = ProductPage.objects.get(pk=product.pk)
    variant_row = product.variants.get()
    variant_row.retail_price = Decimal("3.10")
    product.variants = [variant_row]
    product.save_revision().publish()

    english.refresh_from_db()
    assert english.min_price == Decimal("3.10")
    assert english.in_stock is True


def test_a_draft_does_not_change_the_live_listing_price(category):
    product = make_product(category, "Fencheltee", variants=[variant("6.00")])
    product = ProductPage.objects.get(pk=product.pk)
    draft_variant = product.variants.get()
    draft_variant.retail_price = Decimal("1.00")
    product.variants = [draft_variant]

    product.save_revision()

    product.refresh_from_db()
    assert product.min_price == Decimal("6.00")
    assert ProductVariant.objects.get(pk=draft_variant.pk).retail_price == Decimal("6.00")


# --- Variant validation -----------------------------------------------------------------


def test_a_duplicate_sku_names_the_product_that_has_it(category, english):
    make_product(category, "Hagebuttentee", variants=[variant(sku="NW-DUP-1")])
    duplicate = variant(sku="NW-DUP-1")

    with pytest.raises(ValidationError) as error:
        duplicate.validate_unique()

    assert error.value.message_dict["sku"] == [
        "SKU NW-DUP-1 is already used by Hagebuttentee. Every SKU must be unique."
    ]


def test_an_ean_with_a_wrong_check_digit_is_rejected():
    bad = variant(ean="4006381333932")

    with pytest.raises(ValidationError) as error:
        bad.full_clean(exclude=["product"])

    assert list(error.value.message_dict) == ["ean"]


def test_a_valid_ean13_passes():
    good = variant(ean="4006381333931")

    good.full_clean(exclude=["product"])


def test_compare_at_price_must_be_higher_than_the_price(english):
    offer = variant("9.90", compare_at="9.90")

    with pytest.raises(ValidationError) as error:
        offer.full_clean(exclude=["product"])

    assert error.value.message_dict == {"compare_at_price": ["The compare-at price must be higher than the price."]}


# --- Base price and stock state ---------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "quantity", "unit", "expected"),
    [
        ("3.245", "250", "g", (Decimal("12.98"), "kg")),
        ("4.99", "0.5", "l", (Decimal("9.98"), "l")),
        ("2.50", "100", "ml", (Decimal("25.00"), "l")),
        ("12.00", "3", "piece", (Decimal("4.00"), "piece")),
    ],
)
def test_base_price_per_unit(price, quantity, unit, expected):
    item = variant(price, net_quantity=quantity, net_unit=unit)

    assert item.base_price() == expected


@pytest.mark.parametrize(
    ("stock", "backorder", "expected"),
    [
        (6, False, StockState.IN_STOCK),
        (5, False, StockState.LOW),
        (0, True, StockState.BACKORDER),
        (0, False, StockState.SOLD_OUT),
    ],
)
def test_stock_state(stock, backorder, expected):
    item = variant(stock=stock, backorder_allowed=backorder, low_stock_threshold=5)

    assert item.stock_state == expected


def test_stock_sold_outside_the_editor_updates_the_listing_fields(category):
    from catalog.availability import refresh_listing_fields

    product = make_product(category, "Zitronengras", variants=[variant("5.00", stock=2)])
    ProductVariant.objects.filter(product=product).update(stock_quantity=0)

    refresh_listing_fields([product.pk])

    product.refresh_from_db()
    assert (product.in_stock, product.min_price) == (False, Decimal("5.00"))
