"""Category and product pages over HTTP: routing, rendering, JSON-LD, translations."""

import json
import re
from decimal import Decimal

import pytest

from catalog.models import ProductPage, ProductVariant
from catalog.tests.factories import (
    BrandFactory,
    CertificationFactory,
    ImageFactory,
    make_category,
    make_product,
    variant,
)


@pytest.fixture
def tee(home_de):
    return make_category(home_de, "Tee")


@pytest.fixture
def minze(tee):
    return make_product(
        make_category(tee, "Kräutertee"),
        "Minze",
        brand=BrandFactory(name="Sonnenhof"),
        short_description="Frische Pfefferminze.",
        ingredients="Pfefferminzblätter*",
        variants=[
            variant("3.25", net_quantity="250", sku="MINZE-250", ean="4006381333931", stock=3),
            variant("9.90", net_quantity="1000", sku="MINZE-1000", compare_at="11.90", stock=40),
        ],
        images=[ImageFactory(), ImageFactory()],
        certifications=[CertificationFactory(name="Bio")],
    )


def jsonld(html, type_="Product"):
    """The page's JSON-LD object of the given @type (pages also carry BreadcrumbList, Organization…)."""
    blocks = re.findall(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', html, re.S)
    assert blocks, "no JSON-LD script with a nonce attribute"
    objects = [json.loads(block) for block in blocks]
    matching = [obj for obj in objects if obj.get("@type") == type_]
    assert len(matching) == 1, [obj.get("@type") for obj in objects]
    return matching[0]


def test_category_and_product_urls_route_to_their_pages(client, tee, minze):
    assert client.get("/tee/").context["page"] == tee
    assert client.get("/tee/kraeutertee/minze/").context["page"] == minze
    assert client.get("/tee/kraeutertee/gibt-es-nicht/").status_code == 404


def test_a_draft_product_is_not_routable(client, tee):
    product = make_product(tee, "Entwurf")
    product.unpublish()

    assert client.get("/tee/entwurf/").status_code == 404


def test_product_page_shows_price_base_price_vat_note_and_availability(client, minze):
    html = client.get(minze.url).content.decode()

    assert "3,25\xa0€" in html
    assert "250 g (13,00\xa0€/kg)" in html
    assert "inkl. MwSt., zzgl. Versand" in html
    assert "Nur noch 3 Stück" in html
    assert "Pfefferminzblätter*" in html


def test_the_variant_parameter_selects_a_variant(client, minze):
    html = client.get(minze.url + "?variant=MINZE-1000").content.decode()

    large = minze.variants.get(sku="MINZE-1000")
    shown = html.split(f'data-variant-offer="{large.pk}">', 1)[1].split("</div>", 1)[0]
    assert '<p class="price"><strong>9,90\xa0€</strong>' in shown
    assert "11,90\xa0€</s>" in shown
    assert f'value="{large.pk}" data-sku="MINZE-1000" checked' in html


def test_gallery_uses_avif_and_webp_sources_with_the_first_image_eager(client, minze):
    html = client.get(minze.url).content.decode()

    assert html.count('type="image/avif"') == 2
    assert html.count('type="image/webp"') == 2
    first, second = re.findall(r'<figure class="product__image">.*?</figure>', html, re.S)
    assert 'fetchpriority="high"' in first and 'loading="lazy"' not in first
    assert 'loading="lazy"' in second


def test_product_jsonld_has_an_aggregate_offer_for_several_variants(client, minze):
    data = jsonld(client.get(minze.url).content.decode())

    assert data["@type"] == "Product"
    assert data["brand"] == {"@type": "Brand", "name": "Sonnenhof"}
    assert data["image"][0].startswith("http://testserver/media/")
    offers = data["offers"]
    assert {k: offers[k] for k in ("@type", "priceCurrency", "lowPrice", "highPrice", "offerCount")} == {
        "@type": "AggregateOffer",
        "priceCurrency": "EUR",
        "lowPrice": "3.25",
        "highPrice": "9.90",
        "offerCount": 2,
    }
    assert offers["offers"][0]["gtin13"] == "4006381333931"
    assert offers["offers"][0]["availability"] == "https://schema.org/LimitedAvailability"
    assert offers["offers"][1]["availability"] == "https://schema.org/InStock"


def test_product_jsonld_has_a_single_offer_for_one_variant(client, tee):
    product = make_product(tee, "Chai", variants=[variant("12.00", sku="CHAI-1", ean="96385074", stock=0)])

    data = jsonld(client.get(product.url).content.decode())

    assert (data["sku"], data["gtin8"]) == ("CHAI-1", "96385074")
    assert data["offers"] == {
        "@type": "Offer",
        "name": "250 g",
        "url": "http://localhost/tee/chai/?variant=CHAI-1",
        "price": "12.00",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/OutOfStock",
        "itemCondition": "https://schema.org/NewCondition",
        "sku": "CHAI-1",
        "gtin8": "96385074",
    }


def test_jsonld_cannot_close_its_script_element(client, tee):
    product = make_product(tee, "Böse", short_description="</script><script>alert(1)</script>")

    html = client.get(product.url).content.decode()

    assert "</script><script>alert(1)" not in html
    assert jsonld(html)["description"] == "</script><script>alert(1)</script>"


def test_category_page_has_noindex_and_self_canonical_beyond_page_one(client, home_de):
    category = make_category(home_de, "Seifen")
    for i in range(25):
        make_product(category, f"Seife {i:02d}")

    first = client.get("/seifen/")
    second = client.get("/seifen/?page=2")

    assert (first.context["noindex"], first.context["canonical_url"]) == (False, "http://localhost/seifen/")
    assert (second.context["noindex"], second.context["canonical_url"]) == (True, "http://localhost/seifen/?page=2")
    assert '<link rel="next" href="/seifen/?page=2">' in first.content.decode()
    assert '<link rel="prev" href="/seifen/">' in second.content.decode()
    assert client.get("/seifen/?page=3").status_code == 404


def test_filtered_category_page_is_noindex(client, minze, tee):
    response = client.get(f"/tee/?brand={minze.brand_id}")

    assert response.context["noindex"] is True


def test_facet_form_works_without_javascript(client, minze, tee):
    html = client.get("/tee/").content.decode()

    assert '<form class="facets" method="get" action="/tee/"' in html
    assert f'<input type="checkbox" name="brand" value="{minze.brand_id}"' in html
    assert '<button type="submit" class="button facets__submit">' in html
    assert "onchange" not in html and "<script>" not in html


# --- Translations -----------------------------------------------------------------------


@pytest.fixture
def minze_en(minze, locale_en):
    english = minze.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Mint"
    english.save_revision().publish()
    return ProductPage.objects.get(pk=english.pk)


def test_translating_a_product_does_not_copy_its_variants(minze, minze_en):
    assert ProductVariant.objects.count() == 2
    assert minze_en.variants.count() == 0
    assert [v.sku for v in minze_en.sellable_variants()] == ["MINZE-250", "MINZE-1000"]


def test_the_english_page_sells_the_german_variants(client, minze_en):
    response = client.get(minze_en.url)

    assert response.status_code == 200
    assert [v.sku for v in response.context["variants"]] == ["MINZE-250", "MINZE-1000"]
    assert "€3.25" in response.content.decode()


def test_the_english_translation_lists_with_the_source_price(minze_en):
    assert minze_en.min_price == Decimal("3.25")
    assert minze_en.in_stock is True
