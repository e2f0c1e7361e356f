"""Product listings: the category grid, and "products by rule" for content blocks.

Plain functions over querysets, so the category page, the catalogue tags the content blocks
use, and tests share one implementation. The number of queries is fixed: filters and counts
come from `catalog.facets`, card data from `catalog.cards`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from wagtail.models import Locale

from catalog.cards import attach_cards
from catalog.facets import (
    DEFAULT_SORT,
    SORTS,
    ActiveFilter,
    AttributeLink,
    CategoryLink,
    CertificationLink,
    FacetGroup,
    ListingParams,
    active_filters,
    apply_filters,
    cached_facets,
)
from catalog.models import Attribute, Brand, CategoryPage, Certification, ProductPage, active_language
from content.page_cache import catalog_generation, html_cache_timeout

PRODUCTS_PER_PAGE = 24


# --- Querysets ----------------------------------------------------------------------------


def products_in_category(category: CategoryPage) -> QuerySet[ProductPage]:
    """Live products of the category's locale below it, or listed in it (or a subcategory) as an extra.

    Extra categories are matched by translation key: translations keep the source's links.
    """
    subtree_keys = CategoryPage.objects.filter(path__startswith=category.path).values("translation_key")
    listed_extra = CategoryLink.objects.filter(categorypage__translation_key__in=subtree_keys).values("productpage_id")
    return ProductPage.objects.live().filter(
        Q(path__startswith=category.path) | Q(pk__in=listed_extra), locale_id=category.locale_id
    )


def sorted_products(products: QuerySet[ProductPage], sort: str) -> QuerySet[ProductPage]:
    return products.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])[1])


# --- Products by rule (content blocks) ----------------------------------------------------


def products_by_rule(
    *,
    category: CategoryPage | int | None = None,
    brand: Brand | int | None = None,
    certification: Certification | int | None = None,
    attribute: Attribute | int | None = None,
    sort: str = DEFAULT_SORT,
    limit: int = 8,
    locale: Locale | int | None = None,
) -> list[ProductPage]:
    """Live products matching every given rule, in `locale` (or its id; default: the active one), with cards attached.

    A category, certification or attribute chosen in another language still matches: all
    three are compared by translation key. Matching scans the catalogue, so the chosen ids are
    kept until the catalogue changes (`catalog_generation()`); a home or landing page rendered
    again then fetches just those products.
    """
    locale = locale or Locale.get_active()
    rule = [_pk(category), _pk(brand), _pk(certification), _pk(attribute), sort, limit, _pk(locale)]
    key = f"nw:rule:{catalog_generation()}:{hashlib.sha256(repr(rule).encode()).hexdigest()[:24]}"
    ids = cache.get(key)
    if ids is not None:
        found = ProductPage.objects.live().filter(pk__in=ids).select_related("brand").defer_streamfields().in_bulk()
        return attach_cards([found[pk] for pk in ids if pk in found])
    products = list(_matching_products(category, brand, certification, attribute, sort, limit, locale))
    cache.set(key, [product.pk for product in products], html_cache_timeout())
    return attach_cards(products)


def _pk(value) -> int | None:
    return getattr(value, "pk", value)


def _matching_products(category, brand, certification, attribute, sort, limit, locale) -> QuerySet[ProductPage]:
    products = ProductPage.objects.live().filter(locale=locale)
    if category is not None:
        category_id = category.pk if isinstance(category, CategoryPage) else category
        subtree_keys = CategoryPage.objects.filter(
            path__startswith=CategoryPage.objects.filter(pk=category_id).values("path")[:1]
        ).values("translation_key")
        # Products below any translation of the category (same locale) or listed in it as an extra.
        category_paths = CategoryPage.objects.filter(
            translation_key__in=CategoryPage.objects.filter(pk=category_id).values("translation_key"), locale=locale
        ).values_list("path", flat=True)
        listed_extra = CategoryLink.objects.filter(categorypage__translation_key__in=subtree_keys).values(
            "productpage_id"
        )
        path_q = Q(pk__in=listed_extra)
        for path in category_paths:
            path_q |= Q(path__startswith=path)
        products = products.filter(path_q)
    if brand is not None:
        products = products.filter(brand_id=brand.pk if isinstance(brand, Brand) else brand)
    if certification is not None:
        products = products.filter(
            pk__in=CertificationLink.objects.filter(
                certification__translation_key__in=Certification.objects.filter(
                    pk=certification.pk if isinstance(certification, Certification) else certification
                ).values("translation_key")
            ).values("productpage_id")
        )
    if attribute is not None:
        products = products.filter(
            pk__in=AttributeLink.objects.filter(
                attribute__translation_key__in=Attribute.objects.filter(
                    pk=attribute.pk if isinstance(attribute, Attribute) else attribute
                ).values("translation_key")
            ).values("productpage_id")
        )
    return sorted_products(products.select_related("brand").defer_streamfields(), sort)[: max(limit, 0)]


def live_products(products) -> list[ProductPage]:
    """The chosen products that are still live (a block keeps a product after it is unpublished), with cards."""
    return attach_cards([product for product in products if product is not None and product.live])


def top_categories(site, *, limit: int = 6) -> list[CategoryPage]:
    """The first categories below the site's home page in the visitor's language (search without results)."""
    if site is None:
        return []
    home = site.root_page
    return list(
        CategoryPage.objects.live()
        .public()
        .filter(locale__language_code=active_language(), depth=home.depth + 1)
        .defer_streamfields()
        .order_by("path")[:limit]
    )


# --- Category listing ---------------------------------------------------------------------


@dataclass
class Listing:
    page_obj: Page
    facets: list[FacetGroup]
    active_filters: list[ActiveFilter]
    sort: str
    params: ListingParams
    sort_options: list[tuple[str, str]]

    @property
    def total(self) -> int:
        return self.page_obj.paginator.count

    @property
    def noindex(self) -> bool:
        """Filtered, re-sorted and deeper pages are thin duplicates of page one."""
        return self.params.is_filtered or self.params.sort != DEFAULT_SORT or self.page_obj.number > 1

    @property
    def prev_url(self) -> str | None:
        return self.params.url(self.page_obj.previous_page_number()) if self.page_obj.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.params.url(self.page_obj.next_page_number()) if self.page_obj.has_next() else None

    def page_url(self, number: int) -> str:
        return self.params.url(number)

    @property
    def page_links(self) -> list[tuple[int | None, str | None]]:
        """Page numbers around the current one, with None for a gap."""
        current, last = self.page_obj.number, self.page_obj.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links: list[tuple[int | None, str | None]] = []
        for previous, number in zip([0, *numbers], numbers, strict=False):
            if number - previous > 1:
                links.append((None, None))
            links.append((number, self.page_url(number)))
        return links


class CountedPaginator(Paginator):
    """A paginator whose total is already known (counted with the price facet), saving a query."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def category_listing(category: CategoryPage, query: QueryDict | ListingParams) -> Listing:
    """The grid, facets and sorting of a category page. Raises Http404 for a page number beyond the last."""
    params = query if isinstance(query, ListingParams) else ListingParams.from_query(query)
    base = products_in_category(category)
    attribute_groups, facets, total = cached_facets(category, base, params)
    filtered = apply_filters(base, params, attribute_groups)

    ordered = sorted_products(filtered.select_related("brand").defer_streamfields(), params.sort)
    paginator = CountedPaginator(ordered, PRODUCTS_PER_PAGE, total)
    try:
        page_obj = paginator.page(params.page)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    page_obj.object_list = attach_cards(list(page_obj.object_list))

    return Listing(
        page_obj=page_obj,
        facets=[group for group in facets if group.options],
        active_filters=active_filters(facets, params),
        sort=params.sort,
        params=params,
        sort_options=[(key, label) for key, (label, _order) in SORTS.items()],
    )
