"""Products chosen by a rule (used by the `product_list` block).

Placeholder from the content branch: the catalog branch owns this module and its version
wins at merge. The signature is the contract.
"""

from __future__ import annotations

from django.db.models import F, Q
from wagtail.models import Locale

SORTS = {
    "newest": [F("first_published_at").desc(nulls_last=True), "pk"],
    "price_asc": [F("min_price").asc(nulls_last=True), "title"],
    "price_desc": [F("min_price").desc(nulls_last=True), "title"],
    "name": ["title", "pk"],
}


def products_by_rule(
    *, category=None, brand=None, certification=None, attribute=None, sort="newest", limit=8, locale=None
):
    """Live, public products of the locale matching every given filter, sorted, at most `limit`.

    Certifications and attributes are matched by translation key, so a rule set on the German
    page keeps working on its English translation.
    """
    from catalog.models import ProductPage

    locale = locale or Locale.get_active()
    # Querying the concrete model gives specific instances in one query (no .specific() round trip).
    products = ProductPage.objects.live().filter(locale=locale).defer_streamfields().select_related("brand")
    if category is not None:
        if category.locale_id != locale.pk:
            category = category.get_translation_or_none(locale) or category
        products = products.filter(Q(path__startswith=category.path) | Q(additional_categories=category))
    if brand is not None:
        products = products.filter(brand=brand)
    if certification is not None:
        products = products.filter(certifications__translation_key=certification.translation_key)
    if attribute is not None:
        products = products.filter(attributes__translation_key=attribute.translation_key)
    if category is not None or certification is not None or attribute is not None:
        products = products.distinct()
    return list(products.order_by(*SORTS.get(sort, SORTS["newest"]))[: max(1, min(int(limit), 24))])
