"""Category listing: which products, facets that combine, sorting, pagination; products_by_rule."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404, QueryDict
from django.utils import timezone

from catalog.listing import ListingParams, category_listing, products_by_rule
from catalog.tests.factories import (
    AttributeFactory,
    BrandFactory,
    CertificationFactory,
    make_category,
    make_product,
    variant,
)


def titles(listing):
    return [p.title for p in listing.page_obj.object_list]


def facet(listing, param, label=None):
    groups = [g for g in listing.facets if g.param == param and (label is None or g.label == label)]
    assert len(groups) == 1
    return {o.label: (o.count, o.selected) for o in groups[0].options}


@pytest.fixture
def shop(home_de):
    """Tee with Kräutertee below; three products with distinct brands, seals, attributes and prices."""
    tee = make_category(home_de, "Tee")
    kraeuter = make_category(tee, "Kräutertee")
    geschenke = make_category(home_de, "Geschenke")
    sonne, mond = BrandFactory(name="Sonnenhof"), BrandFactory(name="Mondgarten")
    bio, vegan = CertificationFactory(name="Bio"), CertificationFactory(name="Vegan")
    mild = AttributeFactory(group="Geschmack", value="mild")
    wuerzig = AttributeFactory(group="Geschmack", value="würzig")
    lose = AttributeFactory(group="Form", value="lose")
    day = timezone.now() - datetime.timedelta(days=10)
    minze = make_product(
        kraeuter,
        "Minze",
        brand=sonne,
        variants=[variant("4.50"), variant("8.00")],
        certifications=[bio, vegan],
        attributes=[mild, lose],
        published_at=day,
    )
    chai = make_product(
        tee,
        "Chai",
        brand=mond,
        variants=[variant("12.00")],
        certifications=[vegan],
        attributes=[wuerzig, lose],
        published_at=day + datetime.timedelta(days=1),
        additional_categories=[geschenke],
    )
    box = make_product(
        geschenke,
        "Teebox",
        brand=sonne,
        variants=[variant("30.00", stock=0)],
        certifications=[bio],
        attributes=[mild],
        published_at=day + datetime.timedelta(days=2),
        additional_categories=[kraeuter],
    )
    return locals()


def listing_for(category, query=""):
    return category_listing(category, QueryDict(query))


def test_a_category_lists_its_subtree_and_products_listed_in_it(shop):
    listing = listing_for(shop["tee"])

    assert titles(listing) == ["Teebox", "Chai", "Minze"]


def test_a_product_appears_in_its_additional_category(shop):
    assert titles(listing_for(shop["geschenke"])) == ["Teebox", "Chai"]


def test_unpublished_products_are_not_listed(shop):
    shop["chai"].unpublish()

    assert titles(listing_for(shop["tee"])) == ["Teebox", "Minze"]


def test_filters_within_one_group_combine_with_or(shop):
    listing = listing_for(shop["tee"], f"cert={shop['bio'].pk}&cert={shop['vegan'].pk}")

    assert titles(listing) == ["Teebox", "Chai", "Minze"]


def test_filters_across_groups_combine_with_and(shop):
    listing = listing_for(shop["tee"], f"brand={shop['sonne'].pk}&attr={shop['lose'].pk}")

    assert titles(listing) == ["Minze"]


def test_facet_counts_reflect_the_other_groups_but_not_their_own(shop):
    listing = listing_for(shop["tee"], f"brand={shop['sonne'].pk}")

    # Brand counts ignore the brand selection (so "Mondgarten" can still be added) ...
    assert facet(listing, "brand") == {"Mondgarten": (1, False), "Sonnenhof": (2, True)}
    # ... while the other groups count only Sonnenhof products.
    assert facet(listing, "cert") == {"Bio": (2, False), "Vegan": (1, False)}
    assert facet(listing, "attr", "Geschmack") == {"mild": (2, False)}


def test_attribute_groups_are_separate_facets(shop):
    listing = listing_for(shop["tee"], f"attr={shop['mild'].pk}")

    assert facet(listing, "attr", "Geschmack") == {"mild": (2, True), "würzig": (1, False)}
    assert facet(listing, "attr", "Form") == {"lose": (1, False)}
    assert titles(listing) == ["Teebox", "Minze"]


def test_price_buckets_use_the_lowest_variant_price(shop):
    listing = listing_for(shop["tee"], "price=0-10")

    assert titles(listing) == ["Minze"]
    assert facet(listing, "price") == {
        "0,00\xa0€ – 10,00\xa0€": (1, True),
        "10,00\xa0€ – 25,00\xa0€": (1, False),
        "25,00\xa0€ – 50,00\xa0€": (1, False),
    }


def test_active_filters_link_to_the_listing_without_them(shop):
    listing = listing_for(shop["tee"], f"brand={shop['sonne'].pk}&price=0-10")

    assert [(chip.label, chip.remove_url) for chip in listing.active_filters] == [
        # The shop's default language is German; chips render in it.
        ("Marke: Sonnenhof", "?price=0-10"),
        ("Preis: 0,00\xa0€ – 10,00\xa0€", f"?brand={shop['sonne'].pk}"),
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["Teebox", "Chai", "Minze"]),
        ("price_asc", ["Minze", "Chai", "Teebox"]),
        ("price_desc", ["Teebox", "Chai", "Minze"]),
        ("name", ["Chai", "Minze", "Teebox"]),
        ("bogus", ["Teebox", "Chai", "Minze"]),
    ],
)
def test_sorting(shop, sort, expected):
    assert titles(listing_for(shop["tee"], f"sort={sort}")) == expected


def test_cards_carry_variants_image_and_availability(shop):
    listing = listing_for(shop["tee"], "sort=name")
    chai, minze, box = listing.page_obj.object_list

    assert (minze.card.cheapest.retail_price, minze.card.price_varies) == (Decimal("4.50"), True)
    assert (chai.card.cheapest.retail_price, chai.card.price_varies) == (Decimal("12.00"), False)
    assert box.card.stock_state == "sold_out"


def test_pagination_has_24_per_page_and_real_urls(home_de):
    category = make_category(home_de, "Seifen")
    for i in range(25):
        make_product(category, f"Seife {i:02d}")

    first = listing_for(category)
    second = listing_for(category, "page=2&sort=name")

    assert len(first.page_obj.object_list) == 24
    assert (first.total, first.next_url, first.prev_url) == (25, "?page=2", None)
    assert (len(second.page_obj.object_list), second.prev_url) == (1, "?sort=name")
    assert second.noindex is True
    assert first.noindex is False


def test_a_page_beyond_the_last_is_not_found(shop):
    with pytest.raises(Http404):
        listing_for(shop["tee"], "page=5")


def test_unknown_filter_values_are_ignored():
    params = ListingParams.from_query(QueryDict("brand=x&brand=3&price=free&sort=<script>"))

    assert (params.brands, params.prices, params.sort) == (frozenset({3}), frozenset(), "newest")


def test_products_by_rule_filters_by_category_and_certification(shop):
    products = products_by_rule(category=shop["tee"], certification=shop["bio"], sort="name", limit=8)

    assert [p.title for p in products] == ["Minze", "Teebox"]
    assert products[0].card.cheapest.retail_price == Decimal("4.50")


def test_products_by_rule_respects_the_limit_and_sort(shop):
    products = products_by_rule(brand=shop["sonne"], sort="price_desc", limit=1)

    assert [p.title for p in products] == ["Teebox"]


def test_products_by_rule_are_matched_once_until_the_catalogue_changes(shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rule = {"category": shop["tee"], "certification": shop["bio"], "sort": "name", "limit": 8}
    with CaptureQueriesContext(connection) as first:
        products_by_rule(**rule)
    with CaptureQueriesContext(connection) as second:
        again = products_by_rule(**rule)
    make_product(shop["tee"], "Anis", variants=[variant("3.00")], certifications=[shop["bio"]])
    after_publish = products_by_rule(**rule)

    assert len(second) < len(first)  # the matching ids from the cache, only the cards fetched
    assert [p.title for p in again] == ["Minze", "Teebox"]
    assert again[0].card.cheapest.retail_price == Decimal("4.50")
    assert [p.title for p in after_publish] == ["Anis", "Minze", "Teebox"]


def test_an_english_category_lists_english_products_with_english_facet_labels(shop, locale_en):
    from django.utils import translation

    bio_en = shop["bio"].copy_for_translation(locale_en)
    bio_en.name = "Organic"
    bio_en.save()
    for product in (shop["minze"], shop["box"]):
        english = product.copy_for_translation(locale_en, copy_parents=True)
        english.title = f"{product.title} (en)"
        english.save_revision().publish()
    tee_en = shop["tee"].get_translation(locale_en)

    with translation.override("en"):
        listing = listing_for(tee_en, f"cert={shop['bio'].pk}&sort=name")

    assert titles(listing) == ["Minze (en)", "Teebox (en)"]
    assert facet(listing, "cert")["Organic"] == (2, True)
    assert [v.retail_price for v in listing.page_obj.object_list[0].card.variants] == [Decimal("4.50"), Decimal("8.00")]


def test_facet_counts_are_shared_between_requests_until_the_catalogue_changes(shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        listing = listing_for(shop["tee"], f"cert={shop['vegan'].pk}")
    with CaptureQueriesContext(connection) as second:
        again = listing_for(shop["tee"], f"cert={shop['vegan'].pk}&page=1&sort=price_desc")

    assert len(second) < len(first)  # counts and total from the cache; page and sort don't matter
    assert facet(again, "brand") == facet(listing, "brand")
    assert facet(again, "cert")["Vegan"] == (2, True)
    assert [p.title for p in again.page_obj.object_list] == ["Chai", "Minze"]

    make_product(
        shop["kraeuter"], "Rooibos", brand=shop["sonne"], variants=[variant("6.00")], certifications=[shop["vegan"]]
    )

    fresh = listing_for(shop["tee"], f"cert={shop['vegan'].pk}")
    assert facet(fresh, "cert")["Vegan"] == (3, True)  # a publish moved the catalogue generation on
    assert facet(fresh, "brand")["Sonnenhof"][0] == 2
