"""The one StreamField block library. Every page type builds its body from these blocks.

Blocks hold what the editor chose and fetch nothing: a block that shows products gets them
in its template through a catalogue tag, so this module imports no other app.

Block names and field names are a contract: demo data, imports and other apps write
StreamField JSON against them. Rename only with a data migration.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

logger = logging.getLogger(__name__)

EMBED_FAILURE_TTL = 600


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
    image = ImageBlock(help_text=_("Image beside the text; describe it in the alt text."))
    heading = blocks.CharBlock(max_length=120, help_text=_("Heading of the text column."))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text=_("The text column."))
    image_position = blocks.ChoiceBlock(
        choices=[("left", _("Left")), ("right", _("Right"))],
        default="left",
        help_text=_("Side of the image on wide screens; on phones the image is always on top."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/image_text_block.html"
        help_text = _("An image next to a heading and text.")


class ProductTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("Heading above the products."))
    products = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ProductPage"),
        help_text=_("Products to show, in this order. Unpublished products are left out."),
    )

    class Meta:
        icon = "pick"
        template = "blocks/product_teaser_block.html"
        help_text = _("Hand-picked products as cards.")


class CategoryTeaserGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("Heading above the grid."))
    categories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.CategoryPage"),
        help_text=_("Categories to show as tiles, in this order."),
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/category_teaser_grid_block.html"
        help_text = _("A grid of category tiles.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        categories = [category for category in value["categories"] if category is not None and category.live]
        # Tiles in bulk: the picture tag would otherwise fetch each image and its renditions apart.
        prefetch_related_objects(categories, "image__renditions")
        context["categories"] = categories
        return context


class ProductListBlock(blocks.StructBlock):
    """Products chosen by a rule, so a landing page stays current without editing."""

    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("Heading above the products."))
    category = blocks.PageChooserBlock(
        page_type="catalog.CategoryPage",
        required=False,
        help_text=_("Only products in this category (and its subcategories)."),
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
    limit = blocks.IntegerBlock(
        min_value=1, max_value=24, default=8, help_text=_("How many products to show at most (1–24).")
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/product_list_block.html"
        help_text = _("Products chosen by a rule (category, brand, certification, attribute); updates itself.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255, help_text=_("The question, as a customer would ask it."))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text=_("The answer."))

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("Topic, e.g. Shipping or Payment."))
    items = blocks.ListBlock(FAQItemBlock(), help_text=_("Questions and answers of this topic."))

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        help_text = _("Questions and answers as an accordion; search engines get FAQ structured data.")


class ShippingTableBlock(blocks.StructBlock):
    """Rendered from the shop's shipping zones and payment options (its template loads shipping_tags), so
    the page says what the checkout offers."""

    heading = blocks.CharBlock(max_length=120, required=False, help_text=_("e.g. Shipping costs and delivery times."))
    customers = blocks.ChoiceBlock(
        choices=[("all", _("Consumers and businesses")), ("consumer", _("Consumers")), ("business", _("Businesses"))],
        default="all",
        help_text=_("Whose prices the table shows."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/shipping_table_block.html"
        label = _("Shipping and payment table")
        help_text = _(
            "Delivery countries, shipping costs, free-shipping thresholds, delivery times and payment methods, "
            "as the checkout offers them (edited under Shipping & payment)."
        )


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text=_("What the customer said, without quotation marks."))
    author = blocks.CharBlock(max_length=120, help_text=_("Name of the person quoted (with their consent)."))
    role = blocks.CharBlock(max_length=120, required=False, help_text=_("e.g. Naturopath, Munich."))

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
        icon = "pick"
        template = "blocks/cta_banner_block.html"
        help_text = _("A coloured banner with a button.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("Address of the video (YouTube, Vimeo, …)."))
    caption = blocks.CharBlock(max_length=255, required=False, help_text=_("Caption under the video."))

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        help_text = _("An embedded video; without a connection to the provider a link is shown instead.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["video_url"] = getattr(value["video"], "url", "") if value["video"] else ""
        context["embed_html"] = embed_html(value["video"])
        return context


def embed_html(embed_value) -> str:
    """The provider's embed HTML, or "" when it cannot be fetched (offline, unknown provider).

    Failures are remembered for a while: Wagtail stores successful embeds only, so without
    this every page view would wait for the provider again.
    """
    url = getattr(embed_value, "url", "") if embed_value else ""
    if not url:
        return ""
    failure_key = "embed-failed:" + hashlib.sha256(url.encode()).hexdigest()
    if cache.get(failure_key):
        return ""
    try:
        html = embed_value.html or ""
    except Exception:  # noqa: BLE001 - any oEmbed failure must degrade to a link, never a 500
        logger.info("Embed for %s could not be fetched", url)
        html = ""
    if not html:
        cache.set(failure_key, True, EMBED_FAILURE_TTL)
    return html


BODY_BLOCKS = [
    ("hero", HeroBlock()),
    ("text", RichTextBlock()),
    ("image_text", ImageTextBlock()),
    ("product_teaser", ProductTeaserBlock()),
    ("category_teaser_grid", CategoryTeaserGridBlock()),
    ("product_list", ProductListBlock()),
    ("faq", FAQBlock()),
    ("shipping_table", ShippingTableBlock()),
    ("testimonial", TestimonialBlock()),
    ("cta_banner", CTABannerBlock()),
    ("video", VideoBlock()),
]


class SellerIdentityBlock(blocks.StaticBlock):
    """The Impressum's facts, always the current seller identity: nothing to type twice."""

    class Meta:
        icon = "user"
        label = _("Seller identity (Impressum)")
        template = "blocks/seller_identity_block.html"
        help_text = _("Name, address, representatives, register, VAT ID and §36 VSBG statement from the settings.")
        admin_text = _("Shows the seller identity from Settings → Seller identity.")


class WithdrawalFormBlock(blocks.StaticBlock):
    """The model withdrawal form (Anlage 2 EGBGB) addressed to the seller, with its PDF."""

    class Meta:
        icon = "doc-full"
        label = _("Model withdrawal form")
        template = "blocks/withdrawal_form_block.html"
        help_text = _("The statutory model withdrawal form with the seller as addressee, and a PDF download.")
        admin_text = _("Shows the statutory model withdrawal form addressed to the seller identity.")


# Blocks for the legal and service pages only (StandardPage).
LEGAL_BLOCKS = [
    ("seller_identity", SellerIdentityBlock()),
    ("withdrawal_form", WithdrawalFormBlock()),
]
