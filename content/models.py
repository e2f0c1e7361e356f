"""Editorial page types. Every page shares SEO fields through SitePage."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BODY_BLOCKS


class SitePage(Page):
    """Abstract base: SEO and social fields on the Promote ("SEO") tab of every page type."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared (OpenGraph/Twitter); 1200 × 630 px works best."),
    )
    noindex = models.BooleanField(
        _("hide from search engines"), default=False, help_text=_("Adds noindex; use for thin or internal pages.")
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("og_image"),
                FieldPanel("noindex"),
            ],
            heading=_("Search engines and social media"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigation")),
    ]

    class Meta:
        abstract = True


class HomePage(SitePage):
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = SitePage.content_panels + [FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.LandingPage", "content.StandardPage", "content.FAQPage", "catalog.CategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class LandingPage(SitePage):
    """SEO landing page built from blocks, e.g. "Vegane Naturkosmetik"."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.LandingPage"]
    subpage_types = ["content.LandingPage"]

    class Meta:
        verbose_name = _("landing page")


class StandardPage(SitePage):
    """Legal and service pages: Impressum, Datenschutz, AGB, Widerrufsbelehrung, Versand & Zahlung, Kontakt."""

    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = SitePage.content_panels + [FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class FAQPage(SitePage):
    """Questions grouped by topic (body made of FAQ blocks); emits FAQPage JSON-LD."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ page")
