"""Product listings: the category grid with facets, and "products by rule" for content blocks.

Plain functions over querysets, so the category page, the content blocks and tests share one
implementation. The number of queries is fixed: filters are `pk IN (subquery)` clauses, facet
counts are one grouped query per facet group, and card data (variants, first image,
renditions) is fetched in bulk by `attach_cards`.

Facets are addressed by ID. English products link to the German certification and attribute
rows (synchronised M2M), so one ID means the same thing in every language; labels are
shown in the visitor's language where a translation exists.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.query import prefetch_related_objects
from django.http import Http404, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from catalog.models import (
    Attribute,
    Brand,
    CategoryPage,
    Certification,
    ProductGalleryImage,
    ProductPage,
    ProductVariant,
    StockState,
    source_language,
)
from content.page_cache import catalog_generation, html_cache_timeout


def active_language() -> str:
    """The visitor's content language code, without the query `Locale.get_active()` costs."""
    return get_supported_content_language_variant(get_language())


PRODUCTS_PER_PAGE = 24
DEFAULT_SORT = "newest"
SORTS = {
    "newest": (_("Newest"), (F("first_published_at").desc(nulls_last=True), "-pk")),
    "price_asc": (_("Price: low to high"), (F("min_price").asc(nulls_last=True), "title", "pk")),
    "price_desc": (_("Price: high to low"), (F("min_price").desc(nulls_last=True), "title", "pk")),
    "name": (_("Name"), ("title", "pk")),
}


@dataclass(frozen=True)
class PriceBucket:
    key: str
    low: Decimal
    high: Decimal | None

    @property
    def q(self) -> Q:
        q = Q(min_price__gte=self.low)
        return q & Q(min_price__lt=self.high) if self.high is not None else q


PRICE_BUCKETS = [
    PriceBucket("0-10", Decimal("0"), Decimal("10")),
    PriceBucket("10-25", Decimal("10"), Decimal("25")),
    PriceBucket("25-50", Decimal("25"), Decimal("50")),
    PriceBucket("50-", Decimal("50"), None),
]
PRICE_BUCKETS_BY_KEY = {bucket.key: bucket for bucket in PRICE_BUCKETS}

CertificationLink = ProductPage.certifications.through
AttributeLink = ProductPage.attributes.through
CategoryLink = ProductPage.additional_categories.through


# --- Parameters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListingParams:
    """The visitor's choices, parsed from the query string; unknown values are dropped."""

    brands: frozenset[int] = frozenset()
    certifications: frozenset[int] = frozenset()
    attributes: frozenset[int] = frozenset()
    prices: frozenset[str] = frozenset()
    sort: str = DEFAULT_SORT
    page: str = "1"

    @classmethod
    def from_query(cls, query: QueryDict) -> ListingParams:
        sort = query.get("sort", DEFAULT_SORT)
        return cls(
            brands=_ids(query.getlist("brand")),
            certifications=_ids(query.getlist("cert")),
            attributes=_ids(query.getlist("attr")),
            prices=frozenset(p for p in query.getlist("price") if p in PRICE_BUCKETS_BY_KEY),
            sort=sort if sort in SORTS else DEFAULT_SORT,
            page=query.get("page", "1"),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.brands or self.certifications or self.attributes or self.prices)

    def query_items(self, **overrides) -> list[tuple[str, str]]:
        """Query-string pairs in a stable order (so equal listings share one cache entry)."""
        values = {
            "brand": sorted(self.brands),
            "cert": sorted(self.certifications),
            "attr": sorted(self.attributes),
            "price": [b.key for b in PRICE_BUCKETS if b.key in self.prices],
            "sort": [self.sort] if self.sort != DEFAULT_SORT else [],
        }
        values.update(overrides)
        return [(name, str(v)) for name, vs in values.items() for v in vs]

    def url(self, page: int | None = None, **overrides) -> str:
        items = self.query_items(**overrides)
        if page and page > 1:
            items.append(("page", str(page)))
        return "?" + urlencode(items) if items else ""


def _ids(values: list[str]) -> frozenset[int]:
    return frozenset(int(v) for v in values if v.isdigit() and len(v) < 19)


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


def apply_filters(
    products: QuerySet[ProductPage], params: ListingParams, attribute_groups: dict[int, str], *, skip: str = ""
) -> QuerySet[ProductPage]:
    """AND across facet groups, OR within one; `skip` leaves one group out (for its own counts)."""
    if params.brands and skip != "brand":
        products = products.filter(brand_id__in=params.brands)
    if params.certifications and skip != "cert":
        products = products.filter(
            pk__in=CertificationLink.objects.filter(certification_id__in=params.certifications).values("productpage_id")
        )
    for group, ids in _attributes_by_group(params, attribute_groups).items():
        if skip != f"attr:{group}":
            products = products.filter(
                pk__in=AttributeLink.objects.filter(attribute_id__in=ids).values("productpage_id")
            )
    if params.prices and skip != "price":
        price_q = Q()
        for key in params.prices:
            price_q |= PRICE_BUCKETS_BY_KEY[key].q
        products = products.filter(price_q)
    return products


def _attributes_by_group(params: ListingParams, attribute_groups: dict[int, str]) -> dict[str, set[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    for attribute_id in params.attributes:
        if attribute_id in attribute_groups:
            groups[attribute_groups[attribute_id]].add(attribute_id)
    return groups


def sorted_products(products: QuerySet[ProductPage], sort: str) -> QuerySet[ProductPage]:
    return products.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])[1])


# --- Cards --------------------------------------------------------------------------------


_STATE_RANK = [StockState.IN_STOCK, StockState.LOW, StockState.BACKORDER, StockState.SOLD_OUT]


@dataclass
class ProductCard:
    """What a product tile shows; filled in bulk by attach_cards."""

    variants: list[ProductVariant] = field(default_factory=list)
    gallery: list[ProductGalleryImage] = field(default_factory=list)

    @property
    def image(self):
        return self.gallery[0].image if self.gallery else None

    @property
    def alt_text(self) -> str:
        return self.gallery[0].alt_text if self.gallery else ""

    @property
    def cheapest(self) -> ProductVariant | None:
        return min(self.variants, key=lambda v: (v.retail_price, v.sort_order or 0), default=None)

    @property
    def price_varies(self) -> bool:
        return len({v.retail_price for v in self.variants}) > 1

    @property
    def stock_state(self) -> str:
        states = {v.stock_state for v in self.variants}
        return next((s for s in _STATE_RANK if s in states), StockState.SOLD_OUT)


def attach_cards(
    products: list[ProductPage], *, extra_images: list | None = None, full_gallery_of: ProductPage | None = None
) -> list[ProductPage]:
    """Give every product a `.card` with its sellable variants and first gallery image: 3 queries.

    Variants come from the German source pages (one query for all locales); `extra_images`
    (e.g. certification logos) get their renditions in the same query as the card images, and
    so does the whole gallery of `full_gallery_of` (the product a detail page shows).
    """
    products = list(products)
    if not products:
        if extra_images:
            prefetch_related_objects([i for i in extra_images if i is not None], "renditions")
        return products
    variants_by_key: dict = defaultdict(list)
    variants = ProductVariant.objects.filter(
        product__translation_key__in={p.translation_key for p in products},
        product__locale__language_code=source_language(),
        active=True,
    ).annotate(translation_key=F("product__translation_key"))
    for variant in variants.order_by("sort_order", "pk"):
        variants_by_key[variant.translation_key].append(variant)

    galleries: dict[int, list[ProductGalleryImage]] = defaultdict(list)
    gallery = ProductGalleryImage.objects.filter(product_id__in=[p.pk for p in products]).select_related("image")
    for item in gallery.order_by("product_id", "sort_order", "pk"):
        galleries[item.product_id].append(item)

    # Hand-picked products (a teaser block) come without their brand; a list already joined it costs nothing.
    prefetch_related_objects(products, "brand")
    images = [items[0].image for items in galleries.values()] + [i for i in (extra_images or []) if i is not None]
    if full_gallery_of is not None:
        images += [item.image for item in galleries.get(full_gallery_of.pk, [])[1:]]
    if images:
        prefetch_related_objects(list({id(i): i for i in images}.values()), "renditions")
    for product in products:
        items = galleries.get(product.pk, [])
        for item in items:
            item.alt_text = item.alt_text or product.title
        product.card = ProductCard(variants=variants_by_key.get(product.translation_key, []), gallery=items)
    return products


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


# --- Category listing ---------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    param: str
    label: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


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
    attribute_groups, facets, total = _cached_facets(category, base, params)
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
        active_filters=_active_filters(facets, params),
        sort=params.sort,
        params=params,
        sort_options=[(key, label) for key, (label, _order) in SORTS.items()],
    )


def _facets(base: QuerySet[ProductPage], params: ListingParams) -> tuple[dict[int, str], list[FacetGroup], int]:
    attribute_groups, attribute_labels = _attribute_options(base)
    facets = [
        _brand_facet(apply_filters(base, params, attribute_groups, skip="brand"), params),
        _certification_facet(apply_filters(base, params, attribute_groups, skip="cert"), params),
        *_attribute_facets(base, params, attribute_groups, attribute_labels),
    ]
    price_facet, total = _price_facet_and_total(apply_filters(base, params, attribute_groups, skip="price"), params)
    facets.append(price_facet)
    return attribute_groups, facets, total


def _cached_facets(category: CategoryPage, base: QuerySet[ProductPage], params: ListingParams):
    """Facet counts and the total, shared between requests until the catalogue changes.

    Counting scans every product of the category, so its cost grows with the catalogue; the result
    depends only on the category, the language and the filters (not the page or the sort), and any
    product or category publish moves `catalog_generation()` on, so no stale count is ever served.
    """
    selection = (
        sorted(params.brands),
        sorted(params.certifications),
        sorted(params.attributes),
        sorted(params.prices),
    )
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()[:24]
    key = f"nw:facets:{category.pk}:{active_language()}:{catalog_generation()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = _facets(base, params)
        cache.set(key, found, html_cache_timeout())
    return found


def _brand_facet(products: QuerySet[ProductPage], params: ListingParams) -> FacetGroup:
    rows = (
        products.filter(brand__isnull=False)
        .values("brand_id", "brand__name")
        .annotate(n=Count("pk"))
        .order_by("brand__name")
    )
    options = [
        FacetOption(str(row["brand_id"]), row["brand__name"], row["n"], row["brand_id"] in params.brands)
        for row in rows
    ]
    return FacetGroup("brand", str(_("Brand")), options)


def _certification_facet(products: QuerySet[ProductPage], params: ListingParams) -> FacetGroup:
    rows = list(
        CertificationLink.objects.filter(productpage_id__in=products.values("pk"))
        .values("certification_id", "certification__translation_key", "certification__name")
        .annotate(n=Count("productpage_id"))
    )
    labels = _localized_labels(Certification, [row["certification__translation_key"] for row in rows], "name")
    options = [
        FacetOption(
            str(row["certification_id"]),
            labels.get(row["certification__translation_key"], row["certification__name"]),
            row["n"],
            row["certification_id"] in params.certifications,
        )
        for row in rows
    ]
    options.sort(key=lambda option: option.label.casefold())
    return FacetGroup("cert", str(_("Certification")), options)


def _attribute_options(products: QuerySet[ProductPage]) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    """Group (source language) and localized (group, value) label of every attribute in the listing: 1 query."""
    in_listing = Attribute.objects.filter(
        pk__in=AttributeLink.objects.filter(productpage_id__in=products.values("pk")).values("attribute_id")
    )
    active = active_language()
    rows = Attribute.objects.filter(
        translation_key__in=in_listing.values("translation_key"),
        locale__language_code__in={source_language(), active},
    ).values("pk", "translation_key", "group", "value", "locale__language_code")
    groups: dict[int, str] = {}
    by_key: dict = {}
    labels_by_key: dict = {}
    for row in rows:
        if row["locale__language_code"] == source_language():
            by_key[row["translation_key"]] = row
        if row["locale__language_code"] == active:
            labels_by_key[row["translation_key"]] = (row["group"], row["value"])
    labels: dict[int, tuple[str, str]] = {}
    for key, row in by_key.items():
        groups[row["pk"]] = row["group"]
        labels[row["pk"]] = labels_by_key.get(key, (row["group"], row["value"]))
    return groups, labels


def _attribute_facets(
    base: QuerySet[ProductPage],
    params: ListingParams,
    groups: dict[int, str],
    labels: dict[int, tuple[str, str]],
) -> list[FacetGroup]:
    """One facet group per attribute group; counts ignore the group's own selection (OR within it)."""
    selected_groups = set(_attributes_by_group(params, groups))
    counts: dict[int, int] = {}
    # Groups without a selection share one query; each group with a selection gets its own.
    plans = [("", {a for a, g in groups.items() if g not in selected_groups})]
    plans += [(f"attr:{g}", {a for a, gg in groups.items() if gg == g}) for g in sorted(selected_groups)]
    for skip, attribute_ids in plans:
        if not attribute_ids:
            continue
        products = apply_filters(base, params, groups, skip=skip)
        rows = (
            AttributeLink.objects.filter(productpage_id__in=products.values("pk"), attribute_id__in=attribute_ids)
            .values("attribute_id")
            .annotate(n=Count("productpage_id"))
        )
        counts.update({row["attribute_id"]: row["n"] for row in rows})

    facet_groups: dict[str, FacetGroup] = {}
    for attribute_id, group in sorted(groups.items(), key=lambda item: (labels[item[0]][0], labels[item[0]][1])):
        group_label, value_label = labels[attribute_id]
        facet = facet_groups.setdefault(group, FacetGroup("attr", group_label, []))
        count = counts.get(attribute_id, 0)
        selected = attribute_id in params.attributes
        if count or selected:
            facet.options.append(FacetOption(str(attribute_id), value_label, count, selected))
    return list(facet_groups.values())


def _price_facet_and_total(products: QuerySet[ProductPage], params: ListingParams) -> tuple[FacetGroup, int]:
    """Bucket counts (ignoring the price selection) and the number of results (honouring it): 1 query."""
    aggregates = {f"b{i}": Count("pk", filter=bucket.q) for i, bucket in enumerate(PRICE_BUCKETS)}
    selected_q = Q()
    for key in params.prices:
        selected_q |= PRICE_BUCKETS_BY_KEY[key].q
    aggregates["total"] = Count("pk", filter=selected_q) if params.prices else Count("pk")
    counts = products.order_by().aggregate(**aggregates)
    options = [
        FacetOption(bucket.key, _price_bucket_label(bucket), counts[f"b{i}"], bucket.key in params.prices)
        for i, bucket in enumerate(PRICE_BUCKETS)
        if counts[f"b{i}"] or bucket.key in params.prices
    ]
    return FacetGroup("price", str(_("Price")), options), counts["total"]


def _price_bucket_label(bucket: PriceBucket) -> str:
    from catalog.templatetags.catalog_tags import money

    if bucket.high is None:
        return str(_("from %(low)s") % {"low": money(bucket.low)})
    return f"{money(bucket.low)} – {money(bucket.high)}"


def _localized_labels(model, translation_keys: list, attr: str) -> dict:
    """translation_key -> label in the active language, for snippets that have a translation (1 query)."""
    active = active_language()
    if not translation_keys or active == source_language():
        return {}
    rows = model.objects.filter(translation_key__in=set(translation_keys), locale__language_code=active)
    return {row["translation_key"]: row[attr] for row in rows.values("translation_key", attr)}


def _active_filters(facets: list[FacetGroup], params: ListingParams) -> list[ActiveFilter]:
    """Chips for the current selection, each linking to the listing without it."""
    chips = []
    for group in facets:
        for option in group.options:
            if not option.selected:
                continue
            if group.param == "price":
                remaining = [k for k in params.prices if k != option.value]
                url = params.url(price=[b.key for b in PRICE_BUCKETS if b.key in remaining])
            else:
                current = {"brand": params.brands, "cert": params.certifications, "attr": params.attributes}[
                    group.param
                ]
                url = params.url(**{group.param: sorted(i for i in current if str(i) != option.value)})
            chips.append(ActiveFilter(f"{group.label}: {option.label}", url))
    return chips


__all__ = [
    "PRODUCTS_PER_PAGE",
    "SORTS",
    "Listing",
    "ListingParams",
    "ProductCard",
    "attach_cards",
    "category_listing",
    "products_by_rule",
    "products_in_category",
]
