"""The pricing engine: what a variant costs, for whom, where, in which quantity.

Everything that shows or charges a price calls `quote` or `quote_many` — templates,
cart, checkout, order creation, API, assistant. Nothing else reads price lists.

Retail prices in the catalogue are gross prices for Germany. For B2C deliveries to other
EU countries the gross price stays the same and the net part follows the destination's
rate (see docs/pricing.md for why); exports (CH) pay the German net price, VAT-free.
B2B buyers get net prices — price-list tier > price-list discount > retail net — with
VAT added by the delivery's VAT rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from catalog.models import ProductPage

from .context import PriceContext
from .models import PriceList, TierPrice, company_queryset
from .money import gross_from_net, net_from_gross, to_cent
from .quantities import check_quantity_bounds
from .vat import VatKind, VatTreatment, home_rate, vat_treatment


class PriceRule(StrEnum):
    RETAIL = "retail"
    PRICE_LIST = "price_list"  # the list's base tier (from quantity 1)
    TIER = "tier"  # a quantity tier above 1
    LIST_DISCOUNT = "list_discount"


class DisplayMode(StrEnum):
    GROSS = "gross"
    NET = "net"


@dataclass(frozen=True)
class PriceQuote:
    variant_id: int
    quantity: int
    unit_net: Decimal
    unit_vat: Decimal
    unit_gross: Decimal
    vat_rate: Decimal  # percent
    line_net: Decimal
    line_vat: Decimal
    line_gross: Decimal
    rule: PriceRule
    display_mode: DisplayMode
    base_price_per_unit: Decimal | None  # PAngV, from the shown unit price
    base_unit: str | None
    reference_price: Decimal | None  # strike-through, B2C only, in the shown (gross) price
    vat_kind: VatKind
    reverse_charge: bool
    vat_note: str

    @property
    def unit_price(self) -> Decimal:
        """The unit price to show: gross for consumers, net for companies."""
        return self.unit_gross if self.display_mode == DisplayMode.GROSS else self.unit_net

    @property
    def line_price(self) -> Decimal:
        return self.line_gross if self.display_mode == DisplayMode.GROSS else self.line_net


@dataclass(frozen=True)
class _ListTerms:
    """One price list's terms for the variants being quoted, loaded in a fixed number of queries."""

    tiers: dict[int, list[tuple[int, Decimal]]]  # variant id -> [(min_quantity, unit_net)] ascending
    discounts: dict[int, Decimal]  # variant id -> best matching percentage


_NO_TERMS = _ListTerms({}, {})


def quote(variant, quantity: int, context: PriceContext) -> PriceQuote:
    return quote_many([(variant, quantity)], context)[0]


def quote_many(variants_with_quantities: Iterable[tuple], context: PriceContext) -> list[PriceQuote]:
    """Quotes in input order. Retail: no queries. B2B: at most 5, whatever the number of variants."""
    items = list(variants_with_quantities)
    for _variant, quantity in items:
        check_quantity_bounds(quantity)
    terms = _list_terms([variant for variant, _q in items], context) if context.is_b2b else _NO_TERMS
    return [_quote(variant, quantity, context, terms) for variant, quantity in items]


def tier_quotes(variant, context: PriceContext) -> list[PriceQuote]:
    """A company's quantity tiers for one variant, quoted at each tier's first quantity (retail: none).

    For the product page's tier table; the same rules as `quote`, so the table and the cart agree.
    """
    if not context.is_b2b:
        return []
    terms = _list_terms([variant], context)
    return [_quote(variant, min_quantity, context, terms) for min_quantity, _net in terms.tiers.get(variant.pk, ())]


def _quote(variant, quantity: int, context: PriceContext, terms: _ListTerms) -> PriceQuote:
    treatment = vat_treatment(
        variant.tax_class,
        destination_country=context.delivery_country,
        business_vat_id=context.vat_id if context.is_b2b else "",
    )
    if context.is_b2b:
        return _b2b_quote(variant, quantity, treatment, terms)
    return _retail_quote(variant, quantity, treatment)


def _retail_gross(gross_de: Decimal, tax_class: str, treatment: VatTreatment) -> Decimal:
    """Constant gross inside the EU; exports drop the German VAT."""
    if treatment.kind == VatKind.EXPORT:
        return net_from_gross(gross_de, home_rate(tax_class))
    return gross_de


def _retail_quote(variant, quantity: int, treatment: VatTreatment) -> PriceQuote:
    rate = treatment.rate
    unit_gross = _retail_gross(variant.retail_price, variant.tax_class, treatment)
    unit_net = net_from_gross(unit_gross, rate)
    line_gross = unit_gross * quantity
    line_net = net_from_gross(line_gross, rate)
    reference = None
    if variant.compare_at_price is not None and variant.compare_at_price > variant.retail_price:
        reference = _retail_gross(variant.compare_at_price, variant.tax_class, treatment)
    return _build(
        variant,
        quantity,
        treatment,
        unit_net=unit_net,
        unit_gross=unit_gross,
        line_net=line_net,
        line_gross=line_gross,
        rule=PriceRule.RETAIL,
        display_mode=DisplayMode.GROSS,
        reference_price=reference,
    )


def _b2b_quote(variant, quantity: int, treatment: VatTreatment, terms: _ListTerms) -> PriceQuote:
    unit_net, rule = _b2b_unit_net(variant, quantity, terms)
    rate = treatment.rate
    line_net = unit_net * quantity
    return _build(
        variant,
        quantity,
        treatment,
        unit_net=unit_net,
        unit_gross=gross_from_net(unit_net, rate),
        line_net=line_net,
        line_gross=gross_from_net(line_net, rate),
        rule=rule,
        display_mode=DisplayMode.NET,
        reference_price=None,
    )


def _b2b_unit_net(variant, quantity: int, terms: _ListTerms) -> tuple[Decimal, PriceRule]:
    """Precedence: the list's tier for this quantity > the list's discount > retail net."""
    tier = None
    for min_quantity, unit_net in terms.tiers.get(variant.pk, ()):
        if min_quantity <= quantity:
            tier = (min_quantity, unit_net)
    if tier is not None:
        return tier[1], PriceRule.PRICE_LIST if tier[0] == 1 else PriceRule.TIER
    retail_net = net_from_gross(variant.retail_price, home_rate(variant.tax_class))
    percentage = terms.discounts.get(variant.pk)
    if percentage is not None:
        return to_cent(retail_net * (100 - percentage) / 100), PriceRule.LIST_DISCOUNT
    return retail_net, PriceRule.RETAIL


def _build(
    variant, quantity, treatment, *, unit_net, unit_gross, line_net, line_gross, rule, display_mode, reference_price
):
    shown = unit_gross if display_mode == DisplayMode.GROSS else unit_net
    base = variant.base_price(shown)
    return PriceQuote(
        variant_id=variant.pk,
        quantity=quantity,
        unit_net=unit_net,
        unit_vat=unit_gross - unit_net,
        unit_gross=unit_gross,
        vat_rate=treatment.rate,
        line_net=line_net,
        line_vat=line_gross - line_net,
        line_gross=line_gross,
        rule=rule,
        display_mode=display_mode,
        base_price_per_unit=base[0] if base else None,
        base_unit=base[1] if base else None,
        reference_price=reference_price,
        vat_kind=treatment.kind,
        reverse_charge=treatment.reverse_charge,
        vat_note=treatment.note,
    )


def _list_terms(variants: list, context: PriceContext) -> _ListTerms:
    """Load the company's valid price list terms for these variants.

    The list is looked up through the company, so a context whose company does not
    (or no longer) hold that list, or is not approved, gets retail prices.
    """
    if context.price_list_id is None or not variants:
        return _NO_TERMS
    price_list = (
        PriceList.objects.filter(
            pk=context.price_list_id,
            companies__in=company_queryset().approved().filter(pk=context.company_id),
        )
        .only("pk", "active", "valid_from", "valid_until")
        .first()
    )
    if price_list is None or not price_list.is_valid_on(context.on_date):
        return _NO_TERMS
    variant_ids = {v.pk for v in variants}

    tiers: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    rows = (
        TierPrice.objects.filter(entry__price_list=price_list, entry__variant_id__in=variant_ids)
        .order_by("entry__variant_id", "min_quantity")
        .values_list("entry__variant_id", "min_quantity", "unit_net")
    )
    for variant_id, min_quantity, unit_net in rows:
        tiers[variant_id].append((min_quantity, unit_net))

    return _ListTerms(dict(tiers), _discounts_for(price_list, variants))


def _discounts_for(price_list: PriceList, variants: list) -> dict[int, Decimal]:
    """Best matching category/brand discount per variant (categories include their subcategories)."""
    rules = list(price_list.discounts.values_list("category__path", "brand_id", "percentage"))
    if not rules:
        return {}
    product_ids = {v.product_id for v in variants}
    products = {
        pk: (path, brand_id)
        for pk, path, brand_id in ProductPage.objects.filter(pk__in=product_ids).values_list("pk", "path", "brand_id")
    }
    category_paths: dict[int, list[str]] = defaultdict(list)
    through = ProductPage.additional_categories.through
    for product_id, path in through.objects.filter(productpage_id__in=product_ids).values_list(
        "productpage_id", "categorypage__path"
    ):
        category_paths[product_id].append(path)

    best: dict[int, Decimal] = {}
    for variant in variants:
        path, brand_id = products.get(variant.product_id, ("", None))
        paths = [path, *category_paths[variant.product_id]]
        for category_path, rule_brand_id, percentage in rules:
            if category_path is not None:
                matches = any(p.startswith(category_path) for p in paths if p)
            else:
                matches = brand_id is not None and brand_id == rule_brand_id
            if matches and percentage > best.get(variant.pk, Decimal("0")):
                best[variant.pk] = percentage
    return best
