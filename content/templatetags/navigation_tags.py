"""Header/footer navigation and the language switcher, from the cached navigation."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from content import seo
from content.navigation import EMPTY_NAVIGATION, site_navigation
from content.seller import seller_contact as read_seller_contact

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context) -> dict:
    request = context.get("request")
    cached = getattr(request, "_naturwest_navigation", None)
    if cached is None:
        language = (get_language() or seo.default_language()).split("-")[0]
        site = seo.site_for(request)
        cached = site_navigation(site, language) if site is not None else EMPTY_NAVIGATION
        if request is not None:
            request._naturwest_navigation = cached
    return cached


@register.simple_tag(takes_context=True)
def language_links(context, page=None) -> list[dict]:
    """One link per language: the page's translation, else that language's home page."""
    request = context.get("request")
    current = (get_language() or seo.default_language()).split("-")[0]
    homes = navigation(context)["homes"]
    if page is not None and getattr(page, "pk", None):
        translations = seo.translation_paths(page, request)
    else:  # views (e.g. search) may offer their own counterparts in other languages
        translations = context.get("alternate_urls") or {}
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code) or homes.get(code)
        if url:
            name = get_language_info(code)["name_local"]
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home page in the current language (the German one as a fallback)."""
    homes = navigation(context)["homes"]
    current = (get_language() or seo.default_language()).split("-")[0]
    return homes.get(current) or homes.get(seo.default_language()) or "/"


@register.simple_tag(takes_context=True)
def subcategories(context, page) -> list[dict]:
    """The live child categories of a category page, from the cached navigation (no query)."""
    return navigation(context)["subcategories"].get(getattr(page, "pk", None), [])


@register.simple_tag
def seller_contact() -> dict:
    return read_seller_contact()
