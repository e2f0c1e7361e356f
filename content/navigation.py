"""Header/footer navigation and the locale home pages, cached per site and language.

The frame is on every page, so it must not walk the page tree per request: it is built
once from NavigationSettings and the category tree (a handful of queries) and kept in the
cache until an editor saves the navigation or publishes, unpublishes, moves or deletes a page.

The header lists the entries editors chose (or, while they chose none, the top-level
categories), each with its live subcategories for the mega menu and the phone drawer. The
same tree answers "which subcategories does this category have" on category pages, so
they cost no query of their own.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site

CACHE_TTL = 60 * 60 * 24
# Categories are a catalogue model; the frame names it without importing the catalogue.
CATEGORY_MODEL = ("catalog", "categorypage")
EMPTY_NAVIGATION = {"header": [], "footer": [], "homes": {}, "subcategories": {}}


def cache_key(site_id: int, language_code: str) -> str:
    return f"content:navigation:v2:{site_id}:{language_code}"


def site_navigation(site: Site, language_code: str) -> dict:
    """{"header", "footer", "homes", "subcategories"} for one site and language."""
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
    home_pages = list(site.root_page.get_translations(inclusive=True).live().select_related("locale"))
    homes = {home.locale.language_code: home.get_url(current_site=site) for home in home_pages}
    home = next((page for page in home_pages if page.locale.language_code == language_code), None)
    top_categories, subcategories = category_tree(home, site)

    header_items = [item for link in header if (item := _menu_item(link, localized, site))]
    if not header:
        header_items = top_categories
    for item in header_items:
        item["children"] = subcategories.get(item["page_id"], [])
    return {
        "header": header_items,
        "footer": [item for link in footer if (item := _menu_item(link, localized, site))],
        "homes": homes,
        "subcategories": subcategories,
    }


def category_tree(home: Page | None, site: Site) -> tuple[list[dict], dict[int, list[dict]]]:
    """The live categories below one language's home page: the top level and each category's children."""
    if home is None:
        return [], {}
    content_type = ContentType.objects.get_by_natural_key(*CATEGORY_MODEL)
    categories = list(
        Page.objects.live()
        .public()
        .descendant_of(home)
        .filter(content_type=content_type)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path", "locale_id")
    )
    by_path = {page.path: page for page in categories}
    top: list[dict] = []
    children: dict[int, list[dict]] = {}
    for page in categories:
        item = {"label": page.title, "url": page.get_url(current_site=site), "external": False, "page_id": page.pk}
        if page.depth == home.depth + 1:
            top.append(item)
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            children.setdefault(parent.pk, []).append(item)
    return top, children


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
