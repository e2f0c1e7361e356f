"""SEO head, JSON-LD and breadcrumbs for every page.

Views may set in their context: `noindex` (search results, filtered facets), `canonical_url`,
`meta_description`, `og_type` and `jsonld` (a list of extra dicts).
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from content import seo
from content.models import HomePage, ShopSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def jsonld(context, data: dict):
    """`<script type="application/ld+json">` with the request's CSP nonce."""
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        str(nonce),
        mark_safe(seo.jsonld_script_body(data)),  # noqa: S308 - escaped by jsonld_script_body
    )


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, page):
    """BreadcrumbList for pages below the home page; emitted at most once per request."""
    request = context.get("request")
    if page is None or isinstance(page, HomePage) or getattr(request, "_naturwest_breadcrumbs_jsonld", False):
        return ""
    trail = seo.breadcrumb_trail(page, request)
    if len(trail) < 2:
        return ""
    if request is not None:
        request._naturwest_breadcrumbs_jsonld = True
    return jsonld(context, seo.breadcrumb_list(trail))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """(title, url) pairs for the visible breadcrumb navigation."""
    if page is None or isinstance(page, HomePage):
        return []
    return seo.breadcrumb_trail(page, context.get("request"), absolute=False)


@register.simple_tag(takes_context=True)
def page_title(context):
    page = context.get("page")
    shop_name = _shop(context).shop_name
    if page is None:
        return shop_name
    if getattr(page, "seo_title", ""):
        return page.seo_title
    return f"{page.title} | {shop_name}"


def _shop(context) -> ShopSettings:
    request = context.get("request")
    try:
        if request is not None:
            return ShopSettings.for_request(request)  # memoised on the request
        return ShopSettings.for_site(seo.site_for(None))
    except ShopSettings.DoesNotExist:
        return ShopSettings()  # no site yet (fresh database): defaults, so error pages still render


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    language = (get_language() or seo.default_language()).split("-")[0]
    shop = _shop(context)
    site = seo.site_for(request)
    site_url = site.root_url if site is not None else (request.build_absolute_uri("/").rstrip("/") if request else "")
    noindex = bool(context.get("noindex") or getattr(page, "noindex", False))

    if page is not None:
        canonical = context.get("canonical_url") or page.get_full_url(request)
        description = context.get("meta_description") or page.search_description or seo.fallback_description(page)
        title = page.seo_title or page.title
        languages = seo.alternates(page, request) if getattr(page, "pk", None) else {}
    else:
        canonical = context.get("canonical_url") or (request.build_absolute_uri(request.path) if request else "")
        description = context.get("meta_description", "")
        title = context.get("title", shop.shop_name)
        languages = {}
    hreflang = [{"code": code, "url": url} for code, url in sorted(languages.items())]
    x_default = languages.get(seo.default_language())

    og_image = None
    if page is not None and getattr(page, "og_image_id", None):
        rendition = page.og_image.get_rendition("fill-1200x630|format-jpeg")
        og_image = {
            "url": site_url + rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": page.og_image.default_alt_text or page.og_image.title,
        }

    structured = []
    if page is not None and getattr(page, "pk", None):
        if isinstance(page, HomePage):
            structured.append(seo.organization(shop, site_url, site_url + static("favicon.svg")))
            structured.append(seo.website(shop, page.get_full_url(request), site_url, language))
        faq = seo.faq_page(page)
        if faq:
            structured.append(faq)
    structured += list(context.get("jsonld") or [])

    return {
        "request": request,
        "page": page,
        "canonical": canonical,
        "description": description,
        "title": title,
        "noindex": noindex,
        "hreflang": hreflang,
        "x_default": x_default,
        "og_type": context.get("og_type", "website"),
        "og_locale": seo.OG_LOCALES.get(language, language),
        "og_locale_alternates": [seo.OG_LOCALES.get(code, code) for code in sorted(languages) if code != language],
        "og_image": og_image,
        "site_name": shop.shop_name,
        "jsonld_scripts": [jsonld(context, data) for data in structured],
        "breadcrumbs_jsonld": breadcrumbs_jsonld(context, page) if page is not None and page.pk else "",
    }
