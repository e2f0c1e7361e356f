from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from content.blocks import BODY_BLOCKS


class HomePage(Page):
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page"
