"""Editorial page types. Every page shares SEO fields through SitePage."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.blocks import BODY_BLOCKS, LEGAL_BLOCKS
from content.page_cache import CachedPageMixin


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

    def get_sitemap_urls(self, request=None):
        """Pages hidden from search engines stay out of the sitemap too."""
        if self.noindex:
            return []
        return super().get_sitemap_urls(request)


class HomePage(CachedPageMixin, SitePage):
    """Anonymous visitors get it from the HTML cache; it lists products, so any catalogue publish purges it."""

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

    body = StreamField(BODY_BLOCKS + LEGAL_BLOCKS, blank=True, use_json_field=True)

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


DEFAULT_ROBOTS_TXT = """User-agent: *
Allow: /
Disallow: /admin/
Disallow: /search/
Disallow: /en/search/
Disallow: /cart/
Disallow: /en/cart/
Disallow: /checkout/
Disallow: /en/checkout/
Disallow: /account/
Disallow: /en/account/
"""


SHOP_SETTINGS_CACHE_SECONDS = 3600


def shop_settings_cache_key(site_id) -> str:
    return f"nw:shop-settings:{site_id}"


@register_setting(icon="site")
class ShopSettings(BaseSiteSetting):
    """Who the shop is: shown in the footer, the Organization structured data and robots.txt."""

    shop_name = models.CharField(_("shop name"), max_length=120, default="Naturwest")
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    country_code = models.CharField(_("country code"), max_length=2, default="DE", help_text=_("ISO code, e.g. DE."))
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    pinterest_url = models.URLField(_("Pinterest"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    robots_txt = models.TextField(
        _("robots.txt"),
        default=DEFAULT_ROBOTS_TXT,
        blank=True,
        help_text=_("Served at /robots.txt. A Sitemap line is added automatically when missing."),
    )

    @classmethod
    def for_site(cls, site):
        """Read through the shared cache: every page's head and footer need it, and it changes rarely."""
        if site is None:
            return super().for_site(site)
        key = shop_settings_cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, SHOP_SETTINGS_CACHE_SECONDS)
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(shop_settings_cache_key(self.site_id)))
        cache.delete(shop_settings_cache_key(self.site_id))

    panels = [
        MultiFieldPanel([FieldPanel("shop_name"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldPanel("postal_code"), FieldPanel("city"), FieldPanel("country_code")],
            heading=_("Postal address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("pinterest_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("robots_txt"),
    ]

    class Meta:
        verbose_name = _("shop settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("Pinterest", self.pinterest_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(name, url) for name, url in candidates if url]


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """Header and footer links, edited without code. Rendered from cache (see content.navigation)."""

    edit_handler = TabbedInterface(
        [
            ObjectList([InlinePanel("header_links", label=_("Header links"))], heading=_("Header")),
            ObjectList([InlinePanel("footer_links", label=_("Footer links"))], heading=_("Footer")),
        ]
    )

    class Meta:
        verbose_name = _("navigation")

    def save(self, *args, **kwargs):
        from content.navigation import invalidate_navigation

        super().save(*args, **kwargs)
        invalidate_navigation()


class NavigationLink(Orderable):
    """A page (shown in the visitor's language) or an external address, with an optional label."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Links to the page in the visitor's language when a translation exists."),
    )
    link_url = models.URLField(_("external address"), blank=True)
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("Leave empty to use the page title."))

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external address."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("External links need a label.")})


class HeaderLink(NavigationLink):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="header_links")


class FooterLink(NavigationLink):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")


class SearchQueryLog(models.Model):
    """One row per site search (not per autocomplete keystroke), for analytics."""

    query = models.CharField(_("query"), max_length=255, help_text=_("Lower-cased, whitespace collapsed."))
    locale = models.CharField(_("language"), max_length=10)
    results_count = models.PositiveIntegerField(_("results"))
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["query", "created_at"], name="searchlog_query_created"),
            models.Index(fields=["locale", "results_count"], name="searchlog_locale_results"),
        ]

    def __str__(self) -> str:
        return self.query


from content.seller import SellerIdentity  # noqa: E402,F401  (a model of this app, defined with its readers)
