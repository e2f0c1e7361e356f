from decimal import Decimal

import pytest
from django.template.loader import get_template
from wagtail_factories import ImageFactory

from catalog.models import Brand, CategoryPage
from content.blocks import BODY_BLOCKS
from content.tests.conftest import make_product, publish

CONTRACT = {
    "hero": {"heading", "text", "image", "cta_label", "cta_page"},
    "image_text": {"image", "heading", "text", "image_position"},
    "product_teaser": {"heading", "products"},
    "category_teaser_grid": {"heading", "categories"},
    "product_list": {"heading", "category", "brand", "certification", "attribute", "sort", "limit"},
    "faq": {"heading", "items"},
    "shipping_table": {"heading", "customers"},
    "testimonial": {"quote", "author", "role"},
    "cta_banner": {"heading", "text", "button_label", "button_page"},
    "video": {"video", "caption"},
}


def block(name):
    return dict(BODY_BLOCKS)[name]


def test_block_library_has_the_agreed_names_and_fields():
    names = [name for name, _block in BODY_BLOCKS]

    assert names == [
        "hero", "text", "image_text", "product_teaser", "category_teaser_grid",
        "product_list", "faq", "shipping_table", "testimonial", "cta_banner", "video",
    ]  # fmt: skip
    for name, fields in CONTRACT.items():
        assert set(block(name).child_blocks) == fields, name


@pytest.mark.parametrize("name", [name for name, _block in BODY_BLOCKS])
def test_every_block_has_help_text_and_an_existing_template(name):
    meta = block(name).meta

    assert meta.help_text
    assert meta.template == f"blocks/{'rich_text' if name == 'text' else name}_block.html"
    get_template(meta.template)


def test_every_struct_field_has_help_text():
    for name, fields in CONTRACT.items():
        for field in fields:
            child = block(name).child_blocks[field]
            help_text = getattr(child.meta, "help_text", None) or getattr(
                getattr(child, "field", None), "help_text", ""
            )
            assert help_text, f"{name}.{field}"


def test_product_list_defaults():
    product_list = block("product_list")

    assert product_list.child_blocks["sort"].get_default() == "newest"
    assert product_list.child_blocks["limit"].get_default() == 8
    assert product_list.child_blocks["limit"].field.min_value == 1
    assert product_list.child_blocks["limit"].field.max_value == 24


@pytest.fixture
def category(home):
    return publish(home, CategoryPage(title="Tee", slug="tee"))


def render(name, raw):
    value = block(name).to_python(raw)
    return block(name).render(value)


def test_product_list_renders_the_category_products_sorted_by_price(category, home):
    other = publish(home, CategoryPage(title="Kosmetik", slug="kosmetik"))
    make_product(category, "Pfefferminztee", price="4.50")
    make_product(category, "Kamillentee", price="3.20")
    make_product(other, "Seife", price="2.00")

    html = render("product_list", {"heading": "Tees", "category": category.pk, "sort": "price_asc", "limit": 8})

    assert "Seife" not in html
    assert html.index("Kamillentee") < html.index("Pfefferminztee")


def test_product_list_filters_by_brand_and_honours_the_limit(category):
    brand = Brand.objects.create(name="Waldkraft", slug="waldkraft")
    for number in range(3):
        make_product(category, f"Waldtee {number}", price=str(Decimal(5 + number)), brand=brand)
    make_product(category, "Fremdtee", price="1.00")

    html = render("product_list", {"brand": brand.pk, "sort": "price_desc", "limit": 2})

    assert "Waldtee 2" in html and "Waldtee 1" in html
    assert "Waldtee 0" not in html and "Fremdtee" not in html


def test_product_list_leaves_out_unpublished_products(category):
    draft = make_product(category, "Entwurfstee")
    draft.unpublish()

    html = render("product_list", {"category": category.pk})

    assert "Entwurfstee" not in html
    assert "Zurzeit sind keine Produkte verfügbar." in html


def test_product_teaser_shows_the_chosen_live_products_in_order(category):
    first = make_product(category, "Rooibos")
    second = make_product(category, "Mate")
    hidden = make_product(category, "Grüntee")
    hidden.unpublish()

    html = render("product_teaser", {"heading": "Neu", "products": [second.pk, first.pk, hidden.pk]})

    assert html.index("Mate") < html.index("Rooibos")
    assert "Grüntee" not in html


def test_category_teaser_grid_links_the_categories(category):
    html = render("category_teaser_grid", {"heading": "Sortiment", "categories": [category.pk]})

    assert 'href="/tee/"' in html
    assert "Tee" in html


def test_faq_block_renders_an_accordion():
    html = render("faq", {"heading": "Versand", "items": [{"question": "Wie lange?", "answer": "<p>2 Tage</p>"}]})

    assert '<summary class="faq__question">Wie lange?</summary>' in html
    assert "<p>2 Tage</p>" in html


def test_video_falls_back_to_a_link_when_the_embed_cannot_be_fetched(monkeypatch, db):
    def offline(*args, **kwargs):
        raise OSError("no network")

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", offline)

    html = render("video", {"video": "https://www.youtube.com/watch?v=abc", "caption": "Ernte"})

    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "<figcaption>Ernte</figcaption>" in html


def test_image_text_renders_responsive_lazy_images_on_the_chosen_side(db):
    image = ImageFactory(title="Teefeld")

    html = render(
        "image_text",
        {
            "image": {"image": image.pk, "alt_text": "Teefeld im Morgenlicht", "decorative": False},
            "heading": "Unser Anbau",
            "text": "<p>Bio.</p>",
            "image_position": "right",
        },
    )

    assert "image-text--image-right" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'loading="lazy"' in html
    assert 'alt="Teefeld im Morgenlicht"' in html
    assert "srcset=" in html and 'width="' in html and 'height="' in html
