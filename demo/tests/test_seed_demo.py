"""seed_demo: a believable shop in German and English, idempotent, scalable with --products.

The catalogue is seeded once per module (20 products, every subcategory) inside a transaction
that is rolled back at the end; each test runs in its own savepoint on top of it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from stdnum import ean
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from catalog.models import (
    Attribute,
    Brand,
    CategoryPage,
    Certification,
    ProductGalleryImage,
    ProductPage,
    ProductVariant,
)
from content.models import FAQPage, FooterLink, HeaderLink, HomePage, LandingPage, NavigationSettings, StandardPage
from demo.catalog import DEFAULT_PRODUCT_COUNT
from demo.catalog_data import ASSORTMENT, CATEGORIES
from demo.content import PLACEHOLDER
from demo.management.commands.seed_demo import HOME_DESCRIPTION, HOME_SEO_TITLE, HOME_WELCOME

PRODUCTS = 20


def seed(**options):
    call_command("seed_demo", products=PRODUCTS, verbosity=0, stdout=StringIO(), stderr=StringIO(), **options)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    with django_db_blocker.unblock(), media, transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


def german(model):
    return model.objects.filter(locale__language_code="de")


def english(model):
    return model.objects.filter(locale__language_code="en")


def test_minimal_seed_has_home_pages_but_no_catalogue(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)

    call_command("seed_demo", "--minimal", verbosity=0, stdout=StringIO())

    assert HomePage.objects.count() == 2
    assert CategoryPage.objects.count() == 0
    assert ProductPage.objects.count() == 0


def test_minimal_seed_is_idempotent(demo_site, django_user_model):
    models = (Page, HomePage, Revision, PageLogEntry, django_user_model)
    before = [model.objects.count() for model in models]

    call_command("seed_demo", "--minimal", verbosity=0, stdout=StringIO())

    assert [model.objects.count() for model in models] == before
    assert HomePage.objects.count() == 2  # de and en


def test_minimal_english_home_page_is_in_english(demo_site):
    home = english(HomePage).get()

    assert (home.title, home.seo_title) == ("Naturwest – natural products", HOME_SEO_TITLE.en)
    assert home.search_description == HOME_DESCRIPTION.en
    assert [(block.block_type, block.value.source) for block in home.body] == [("text", HOME_WELCOME.en)]


def test_default_is_at_least_150_products():
    assert DEFAULT_PRODUCT_COUNT >= 150


@pytest.mark.usefixtures("seeded")
class TestSeededShop:
    def test_categories_on_two_levels(self, db):
        home = german(HomePage).get()
        top = german(CategoryPage).child_of(home)
        sub = german(CategoryPage).exclude(pk__in=top)

        assert sorted(top.values_list("title", flat=True)) == ["Haushalt", "Naturkosmetik", "Superfoods", "Tee"]
        assert sub.count() == 9
        assert all(page.get_parent().specific_class is CategoryPage for page in sub)

    def test_requested_number_of_products_in_every_subcategory(self, db):
        products = german(ProductPage)

        assert products.count() == PRODUCTS
        assert {p.get_parent().slug for p in products} == {a.category for a in ASSORTMENT}

    def test_every_product_has_one_to_four_variants(self, db):
        counts = [p.variants.count() for p in german(ProductPage)]

        assert min(counts) >= 1 and max(counts) <= 4

    def test_eans_are_valid_and_unique(self, db):
        eans = list(ProductVariant.objects.values_list("ean", flat=True))

        assert all(ean.is_valid(code) and code.startswith("4262") for code in eans)
        assert len(set(eans)) == len(eans)

    def test_tax_class_follows_the_category(self, db):
        for variant in ProductVariant.objects.select_related("product"):
            category = variant.product.get_parent().slug
            expected = (
                "standard" if category in ("gesichtspflege", "koerperpflege", "haarpflege", "reinigung") else "reduced"
            )
            assert variant.tax_class == expected, variant.sku

    def test_compare_at_prices_are_higher_than_prices(self, db):
        for variant in ProductVariant.objects.exclude(compare_at_price=None):
            assert variant.compare_at_price > variant.retail_price

    def test_listing_fields_are_filled(self, db):
        assert not german(ProductPage).filter(min_price=None).exists()

    def test_every_product_has_a_gallery_with_alt_text(self, db):
        for product in german(ProductPage):
            images = list(product.gallery_images.all())
            assert 1 <= len(images) <= 3
            assert all(image.alt_text.startswith(product.title) for image in images)

    def test_images_are_a_small_shared_pool(self, db):
        used = ProductGalleryImage.objects.values("image").distinct().count()

        assert 0 < used < ProductGalleryImage.objects.count()
        assert get_image_model().objects.filter(title__startswith="Siegel ").count() == 6

    def test_brands_certifications_and_attributes(self, db):
        assert Brand.objects.count() >= 6
        assert sorted(german(Certification).values_list("name", flat=True)) == [
            "Bio",
            "Demeter",
            "Fairtrade",
            "NATRUE",
            "Naturland",
            "vegan",
        ]
        assert english(Certification).get(slug="bio").name == "Organic"
        assert english(Attribute).get(slug="hauttyp-trocken").value == "dry"

    def test_every_category_and_product_is_translated_and_live(self, db):
        for model in (CategoryPage, ProductPage, StandardPage, LandingPage, FAQPage):
            sources = set(german(model).values_list("translation_key", flat=True))
            translated = set(english(model).live().values_list("translation_key", flat=True))
            assert sources and sources == translated, model

    def test_english_product_has_english_texts_and_no_own_variants(self, db):
        source = german(ProductPage).get(slug="pfefferminztee")
        translation = source.get_translation(english(ProductPage).first().locale).specific

        assert (translation.title, translation.slug) == ("Peppermint tea", "peppermint-tea")
        assert translation.variants.count() == 0
        assert list(translation.sellable_variants()) == list(source.sellable_variants())
        assert translation.url_path.endswith("/tea/herbal-tea/peppermint-tea/")

    def test_home_page_is_built_from_blocks(self, db):
        for home in HomePage.objects.all():
            assert [block.block_type for block in home.body] == [
                "hero",
                "category_teaser_grid",
                "product_teaser",
                "product_list",
                "testimonial",
                "cta_banner",
            ]

    def test_english_home_page_has_the_german_blocks_in_english(self, db):
        german_hero, english_hero = (model.get().body[0].value for model in (german(HomePage), english(HomePage)))

        assert german_hero["heading"] == "Naturprodukte, denen Sie vertrauen können"
        assert english_hero["heading"] == "Natural products you can trust"
        assert english_hero["image"].contextual_alt_text == "Green banner with soft circles"
        assert english_hero["image"].id == german_hero["image"].id
        assert english_hero["cta_page"].specific.locale.language_code == "en"

    def test_hero_image_has_alt_text(self, db):
        hero = german(HomePage).get().body[0].value

        assert hero["image"].contextual_alt_text == "Grünes Banner mit sanften Kreisen"

    def test_three_landing_pages_with_rule_based_product_lists(self, db):
        landings = german(LandingPage)

        assert sorted(landings.values_list("slug", flat=True)) == [
            "bio-tee-geschenkideen",
            "superfoods-fuer-den-alltag",
            "vegane-naturkosmetik",
        ]
        for landing in landings:
            assert "product_list" in [block.block_type for block in landing.body]

    def test_legal_pages_are_marked_as_placeholders(self, db):
        pages = german(StandardPage)

        assert sorted(pages.values_list("title", flat=True)) == [
            "AGB",
            "Datenschutz",
            "Impressum",
            "Kontakt",
            "Versand & Zahlung",
            "Widerrufsbelehrung",
        ]
        assert all(PLACEHOLDER in page.body[0].value.source for page in pages)

    def test_navigation_links_categories_and_legal_pages(self, db):
        navigation = NavigationSettings.objects.get()

        header = [link.link_page.slug for link in navigation.header_links.all()]
        footer = [link.link_page.slug for link in navigation.footer_links.all()]
        assert header == [category.key for category in CATEGORIES if category.parent is None]
        assert footer == [
            "impressum",
            "datenschutz",
            "agb",
            "widerrufsbelehrung",
            "versand-zahlung",
            "kontakt",
            "haeufige-fragen",
        ]
        links = list(navigation.footer_links.all())
        assert all(link.link_page.locale.language_code == "de" and not link.label for link in links)

    def test_faq_page_covers_shipping_returns_payment_ingredients(self, db):
        faq = german(FAQPage).get()

        assert [(block.block_type, block.value["heading"]) for block in faq.body] == [
            ("faq", "Versand"),
            ("faq", "Rückgabe"),
            ("faq", "Zahlung"),
            ("faq", "Inhaltsstoffe"),
            ("shipping_table", "Versand & Zahlung"),
        ]

    def test_shipping_page_and_faq_show_the_shipping_table_and_promise_nothing_else(self, db):
        for page in (german(FAQPage).get(), german(StandardPage).get(slug="versand-zahlung")):
            for translated in (page, page.get_translation(english(FAQPage).first().locale).specific):
                text = str(translated.body.raw_data)
                assert "shipping_table" in [block.block_type for block in translated.body]
                for promise in ("PayPal", "Klarna", "Kreditkarte", "credit card", "1–3", "innerhalb Deutschlands"):
                    assert promise not in text, (translated.url_path, promise)

    def test_products_and_translations_are_published_with_their_own_texts(self, db):
        source = german(ProductPage).get(slug="pfefferminztee")
        translation = source.get_translation(english(ProductPage).first().locale).specific

        for page in (source, translation):
            assert page.live and not page.has_unpublished_changes
            assert page.first_published_at and page.last_published_at
            assert page.live_revision_id == page.latest_revision_id
            assert page.draft_title == page.title
            live = page.live_revision.as_object()
            assert (live.title, live.min_price, live.in_stock) == (page.title, page.min_price, page.in_stock)
        assert [image.alt_text for image in translation.live_revision.as_object().gallery_images.all()] == [
            image.alt_text for image in translation.gallery_images.all()
        ]
        assert all(" by " in image.alt_text for image in translation.gallery_images.all())
        assert source.min_price == translation.min_price and source.min_price is not None

    def test_no_redirects_for_translated_slugs(self, db):
        assert Redirect.objects.count() == 0

    def test_second_run_changes_nothing(self, db):
        models = (Page, Revision, PageLogEntry, ProductVariant, get_image_model(), HeaderLink, FooterLink)
        before = [m.objects.count() for m in models]

        seed()

        assert [m.objects.count() for m in models] == before

    def test_larger_run_adds_only_the_missing_products(self, db):
        call_command("seed_demo", products=PRODUCTS + 2, verbosity=0, stdout=StringIO(), stderr=StringIO())

        assert german(ProductPage).count() == PRODUCTS + 2
        assert english(ProductPage).count() == PRODUCTS + 2
