"""Facets: the visitor's filter and sort choices, the filters they apply, and the counts per option.

Facets are addressed by ID. English products link to the German certification and attribute
rows (synchronised M2M), so one ID means the same thing in every language; labels are
shown in the visitor's language where a translation exists. Filters are `pk IN (subquery)`
clauses and counts are one grouped query per facet group, so the cost is fixed; the counts are
cached until the catalogue changes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalog.models import Attribute, CategoryPage, Certification, ProductPage, active_language, source_language
from catalog.prices import format_money
from content.page_cache import catalog_generation, html_cache_timeout

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


# --- Filters -------------------------------------------------------------------------------


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


# --- Counts --------------------------------------------------------------------------------


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


def cached_facets(category: CategoryPage, base: QuerySet[ProductPage], params: ListingParams):
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
    if bucket.high is None:
        return str(_("from %(low)s") % {"low": format_money(bucket.low)})
    return f"{format_money(bucket.low)} – {format_money(bucket.high)}"


def _localized_labels(model, translation_keys: list, attr: str) -> dict:
    """translation_key -> label in the active language, for snippets that have a translation (1 query)."""
    active = active_language()
    if not translation_keys or active == source_language():
        return {}
    rows = model.objects.filter(translation_key__in=set(translation_keys), locale__language_code=active)
    return {row["translation_key"]: row[attr] for row in rows.values("translation_key", attr)}


def active_filters(facets: list[FacetGroup], params: ListingParams) -> list[ActiveFilter]:
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
