"""Creating page translations from code (demo seed, CSV import)."""

from __future__ import annotations

from wagtail.models import Locale, Page


def unique_child_slug(parent: Page, slug: str, *, exclude_pk: int | None = None) -> str:
    taken = set(Page.objects.child_of(parent).exclude(pk=exclude_pk).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def copy_with_slug(page: Page, locale: Locale, slug: str):
    """`copy_for_translation` (parents included), renamed to its own slug before anyone links to it.

    Renaming the copy through a normal save would make wagtail.contrib.redirects add a redirect
    from the German slug under /en/, an address that never existed for anybody.
    """
    translation = page.copy_for_translation(locale, copy_parents=True)
    parent = translation.get_parent()
    translation.slug = unique_child_slug(parent, slug, exclude_pk=translation.pk)
    translation.set_url_path(parent)
    Page.objects.filter(pk=translation.pk).update(slug=translation.slug, url_path=translation.url_path)
    return translation.specific
