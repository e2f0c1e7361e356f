"""Header/footer navigation and the locale home pages, cached per site and language.

The frame is on every page, so it must not walk the page tree per request: it is built
once from NavigationSettings (a handful of queries) and kept in the cache until an editor
saves the navigation or publishes, unpublishes, moves or deletes a page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site

CACHE_TTL = 60 * 60 * 24


def cache_key(site_id: int, language_code: str) -> str:
    return f"content:navigation:{site_id}:{language_code}"


def site_navigation(site: Site, language_code: str) -> dict:
    """{"header": [...], "footer": [...], "homes": {language: url}} for one site and language."""
    key = cache_key(site.pk, language_code)
    navigation = cache.get(key)
    if navigation is None:
        navigation = build_navigation(site, language_code)
        cache.set(key, navigation, CACHE_TTL)
    return navigation


def build_navigation(site: Site, language_code: str) -> dict:
    from content.models import NavigationSettings

    navigation = NavigationSettings.for_site(site)
    header = list(navigation.header_links.select_related("link_page"))
    footer = list(navigation.footer_links.select_related("link_page"))
    translation_keys = {link.link_page.translation_key for link in header + footer if link.link_page}
    localized = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=translation_keys, locale__language_code=language_code)
    }
    homes = {
        home.locale.language_code: home.get_url(current_site=site)
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale")
    }
    return {
        "header": [item for link in header if (item := _menu_item(link, localized, site))],
        "footer": [item for link in footer if (item := _menu_item(link, localized, site))],
        "homes": homes,
    }


def _menu_item(link, localized: dict, site: Site) -> dict | None:
    if link.link_url:
        return {"label": link.label, "url": link.link_url, "external": True, "page_id": None}
    page = localized.get(link.link_page.translation_key)
    if page is None:
        page = link.link_page if link.link_page.live else None
    if page is None:
        return None
    return {
        "label": link.label or page.title,
        "url": page.get_url(current_site=site),
        "external": False,
        "page_id": page.pk,
    }


def invalidate_navigation() -> None:
    """Forget the cached navigation of every site and language (after the current transaction)."""

    def forget():
        site_ids = list(Site.objects.values_list("pk", flat=True))
        cache.delete_many([cache_key(site_id, code) for site_id in site_ids for code, _name in settings.LANGUAGES])

    transaction.on_commit(forget)
