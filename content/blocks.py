"""The one StreamField block library. Every page type builds its body from these blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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


BODY_BLOCKS = [
    ("hero", HeroBlock()),
    ("text", RichTextBlock()),
]
