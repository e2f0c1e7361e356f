"""Structured data and alternate-language links, built as plain Python data.

JSON-LD is serialised from dicts (never assembled in templates) so it is always valid JSON;
`jsonld_script_body` escapes "<", ">" and "&" so no value can close the script element.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override
from wagtail.models import Page, Site

SCHEMA_CONTEXT = "https://schema.org"
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}


def jsonld_script_body(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def site_for(request) -> Site | None:
    """The request's Wagtail site, else the default one; None before any site exists (fresh database)."""
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.select_related("root_page").filter(is_default_site=True).first()


def default_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def live_translations(page: Page, request=None) -> dict[str, Page]:
    """{language code: page} of every live translation of the page, including itself.

    Memoised on the page object: the head (hreflang) and the language switcher both need it.
    """
    if getattr(page, "_naturwest_translations", None) is None:
        _load_head_pages(page, request)
    return page._naturwest_translations


def alternates(page: Page, request) -> dict[str, str]:
    """{language code: absolute URL} for hreflang."""
    return {code: translation.get_full_url(request) for code, translation in live_translations(page, request).items()}


def translation_paths(page: Page, request) -> dict[str, str]:
    """{language code: URL relative to the current site} for the language switcher."""
    return {code: translation.get_url(request) for code, translation in live_translations(page, request).items()}


def breadcrumb_pages(page: Page, request) -> list[Page]:
    """The pages from the locale's home page down to the page (memoised on the page)."""
    if getattr(page, "_naturwest_breadcrumbs", None) is None:
        _load_head_pages(page, request)
    return page._naturwest_breadcrumbs


def _load_head_pages(page: Page, request) -> None:
    """Fetch the page's ancestors (breadcrumbs) and its live translations (hreflang, language switcher)
    in one query: every page's head needs both, and each costs a query of its own otherwise."""
    site = site_for(request)
    site_root_depth = site.root_page.depth if site is not None else 2
    steplen = Page.steplen
    ancestor_paths = {page.path[: depth * steplen] for depth in range(site_root_depth, page.depth + 1)}
    rows = list(
        Page.objects.filter(Q(path__in=ancestor_paths) | Q(translation_key=page.translation_key, live=True))
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "translation_key", "live", "locale")
        .order_by("depth")
    )
    page._naturwest_breadcrumbs = [row for row in rows if row.path in ancestor_paths]
    page._naturwest_translations = {
        row.locale.language_code: row for row in rows if row.translation_key == page.translation_key and row.live
    }


def breadcrumb_trail(page: Page, request, absolute: bool = True) -> list[tuple[str, str]]:
    """(title, URL) pairs; absolute for structured data, site-relative for the visible navigation."""
    return [
        (crumb.title, crumb.get_full_url(request) if absolute else crumb.get_url(request))
        for crumb in breadcrumb_pages(page, request)
    ]


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": title, "item": url}
            for position, (title, url) in enumerate(trail, start=1)
        ],
    }


def organization(shop, site_url: str, logo_url: str) -> dict:
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Organization",
        "@id": f"{site_url}/#organization",
        "name": shop.shop_name,
        "url": f"{site_url}/",
        "logo": logo_url,
    }
    if shop.email:
        data["email"] = shop.email
    if shop.phone:
        data["telephone"] = shop.phone
    if shop.street_address or shop.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": shop.street_address,
            "postalCode": shop.postal_code,
            "addressLocality": shop.city,
            "addressCountry": shop.country_code,
        }
    same_as = [url for _name, url in shop.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def website(shop, home_url: str, site_url: str, language_code: str) -> dict:
    with override(language_code):
        search_path = reverse("search")
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebSite",
        "@id": f"{site_url}/#website",
        "name": shop.shop_name,
        "url": home_url,
        "inLanguage": language_code,
        "publisher": {"@id": f"{site_url}/#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site_url}{search_path}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def faq_page(page: Page) -> dict | None:
    """FAQPage data from every `faq` block of the page body, or None without questions."""
    body = getattr(page, "body", None)
    if not body:
        return None
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
        }
        for block in body
        if block.block_type == "faq"
        for item in block.value["items"]
    ]
    if not questions:
        return None
    return {"@context": SCHEMA_CONTEXT, "@type": "FAQPage", "mainEntity": questions}


DESCRIPTION_LENGTH = 160


def fallback_description(page: Page) -> str:
    """A meta description for pages whose editors left it empty: the intro or first text, shortened."""
    sources = [getattr(page, "intro", "") or "", getattr(page, "short_description", "") or ""]
    for block in getattr(page, "body", None) or []:
        if block.block_type == "text":
            sources.append(block.value.source)
        elif block.block_type == "hero" and block.value.get("text"):
            sources.append(block.value["text"])
    for source in sources:
        text = " ".join(strip_tags(source).split())
        if text:
            return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return ""
