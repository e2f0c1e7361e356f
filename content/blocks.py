"""The one StreamField block library. Every page type builds its body from these blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("Main headline, shown large."))
    text = blocks.TextBlock(required=False, help_text=_("One or two sentences under the headline."))
    image = ImageBlock(required=False, help_text=_("Wide image, at least 1600 px wide."))
    cta_label = blocks.CharBlock(required=False, max_length=40, help_text=_("Button label."))
    cta_page = blocks.PageChooserBlock(required=False, help_text=_("Page the button leads to."))

    class Meta:
        icon = "image"
        template = "blocks/hero_block.html"
        help_text = _("A large headline with image and call to action, for the top of a page.")


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        help_text = _("Formatted text with headings, lists and links.")


class ImageTextBlock(blocks.StructBlock):
    image = ImageBlock(help_text=_("Image shown next to the text."))
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Optional heading above the text."))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text=_("Text beside the image."))
    image_position = blocks.ChoiceBlock(
        choices=[("left", _("Left")), ("right", _("Right"))],
        default="left",
        help_text=_("Which side the image sits on (on large screens)."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_text_block.html"
        help_text = _("An image with text beside it.")


class ProductTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Heading above the products."))
    products = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ProductPage"), help_text=_("Products picked by hand, in order.")
    )

    class Meta:
        icon = "pick"
        template = "blocks/product_teaser_block.html"
        help_text = _("Hand-picked products shown as cards.")


class CategoryTeaserGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Heading above the grid."))
    categories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.CategoryPage"), help_text=_("Categories shown as tiles.")
    )

    class Meta:
        icon = "table"
        template = "blocks/category_teaser_grid_block.html"
        help_text = _("A grid of category tiles with image and name.")


class ProductListBlock(blocks.StructBlock):
    """A list that follows a rule, so a landing page stays current without editing."""

    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Heading above the list."))
    category = blocks.PageChooserBlock(
        page_type="catalog.CategoryPage", required=False, help_text=_("Only products in this category (and below).")
    )
    brand = SnippetChooserBlock("catalog.Brand", required=False, help_text=_("Only products of this brand."))
    certification = SnippetChooserBlock(
        "catalog.Certification", required=False, help_text=_("Only products with this certification.")
    )
    attribute = SnippetChooserBlock(
        "catalog.Attribute", required=False, help_text=_("Only products with this attribute.")
    )
    sort = blocks.ChoiceBlock(
        choices=[
            ("newest", _("Newest first")),
            ("price_asc", _("Price, low to high")),
            ("price_desc", _("Price, high to low")),
            ("name", _("Name")),
        ],
        default="newest",
        help_text=_("Order of the products."),
    )
    limit = blocks.IntegerBlock(default=8, min_value=1, max_value=48, help_text=_("Maximum number of products."))

    class Meta:
        icon = "list-ul"
        template = "blocks/product_list_block.html"
        help_text = _("Products chosen by a rule (category, brand, certification, attribute), sorted and limited.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text=_("The question, as a customer would ask it."))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text=_("The answer."))


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Topic of these questions."))
    items = blocks.ListBlock(FAQItemBlock(), help_text=_("Questions and answers, shown as an accordion."))

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        help_text = _("Questions and answers on one topic (also emitted as FAQPage structured data).")


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text=_("What the customer said."))
    author = blocks.CharBlock(max_length=80, help_text=_("Name of the person quoted."))
    role = blocks.CharBlock(required=False, max_length=80, help_text=_("e.g. Heilpraktikerin, Hamburg"))

    class Meta:
        icon = "openquote"
        template = "blocks/testimonial_block.html"
        help_text = _("A customer quote.")


class CTABannerBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("Short, action-oriented headline."))
    text = blocks.TextBlock(required=False, help_text=_("One sentence of supporting text."))
    button_label = blocks.CharBlock(max_length=40, help_text=_("Button label."))
    button_page = blocks.PageChooserBlock(help_text=_("Page the button leads to."))

    class Meta:
        icon = "bullhorn"
        template = "blocks/cta_banner_block.html"
        help_text = _("A coloured banner with one call to action.")


BODY_BLOCKS = [
    ("hero", HeroBlock()),
    ("text", RichTextBlock()),
    ("image_text", ImageTextBlock()),
    ("product_teaser", ProductTeaserBlock()),
    ("category_teaser_grid", CategoryTeaserGridBlock()),
    ("product_list", ProductListBlock()),
    ("faq", FAQBlock()),
    ("testimonial", TestimonialBlock()),
    ("cta_banner", CTABannerBlock()),
]
