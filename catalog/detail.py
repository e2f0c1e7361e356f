"""What a product page shows, gathered with a fixed number of queries (see test_query_counts)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q

from catalog.cards import attach_cards
from catalog.models import Certification, ProductPage, StockState, active_language, source_language

RELATED_LIMIT = 8
SHIPPING_PAGE_SLUGS = ("versand-und-zahlung", "versand", "shipping-and-payment", "shipping")


def product_detail(page: ProductPage, request) -> dict:
    certifications = list(page.certifications.select_related("logo").order_by("name"))
    _localize_names(certifications)
    related = list(
        ProductPage.objects.live()
        .filter(locale_id=page.locale_id, translation_key__in=page.related_products.values("translation_key"))
        .exclude(pk=page.pk)
        .select_related("brand")
        .defer_streamfields()
        .order_by("title")[:RELATED_LIMIT]
    )
    # The page's own variants and gallery come with the related cards: one query each for all.
    attach_cards([page, *related], extra_images=[c.logo for c in certifications], full_gallery_of=page)
    variants = page.card.variants
    gallery = page.card.gallery
    if getattr(request, "is_preview", False):
        # A preview shows the editor's unsaved gallery and variants, not the live ones.
        gallery = [item for item in page.gallery_images.all() if item.image_id]
        if page.is_source_product:
            variants = [v for v in page.variants.all() if v.active]
    wanted_sku = request.GET.get("variant")
    # Without a size asked for, the first one that can be ordered (a sold-out size cannot be added).
    orderable = [v for v in variants if v.stock_state != StockState.SOLD_OUT]
    selected = next((v for v in variants if v.sku == wanted_sku), None) or next(iter(orderable or variants), None)
    return {
        "variants": variants,
        "selected_variant": selected,
        "orderable_variants": orderable,
        "gallery": gallery,
        "certifications": certifications,
        "related_products": related,
        "shipping_page_url": shipping_page_url(page),
        "canonical_url": page.get_full_url(request),
        "noindex": page.noindex,
    }


def _localize_names(certifications: list[Certification]) -> None:
    """Synced links point at the German rows: show the visitor's translation where one exists (≤1 query)."""
    language = active_language()
    if not certifications or language == source_language():
        return
    names = dict(
        Certification.objects.filter(
            translation_key__in={c.translation_key for c in certifications}, locale__language_code=language
        ).values_list("translation_key", "name")
    )
    for certification in certifications:
        certification.name = names.get(certification.translation_key, certification.name)


def shipping_page_url(page: ProductPage) -> str | None:
    """URL of the "Versand & Zahlung" page in the page's language, cached for ten minutes."""
    language = active_language()
    key = f"catalog:shipping-page-url:{language}"
    url = cache.get(key)
    if url is None:
        from wagtail.models import Page

        slug_q = Q()
        for slug in SHIPPING_PAGE_SLUGS:
            slug_q |= Q(slug=slug)
        target = Page.objects.live().filter(slug_q, locale__language_code=language).order_by("depth").first()
        url = (target.get_url() or "") if target else ""
        cache.set(key, url, 600)
    return url or None
