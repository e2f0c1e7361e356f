"""Small builders for catalogue, price list and company rows; explicit arguments, no magic."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from catalog.models import Brand, CategoryPage, ProductPage, ProductVariant, TaxClass
from commerce.companies.models import Company, CompanyMembership, CompanyStatus
from commerce.pricing.context import PriceContext
from commerce.pricing.models import PriceList, PriceListDiscount, PriceListEntry, TierPrice

TODAY = datetime.date(2026, 6, 15)

# Valid by format and checksum (python-stdnum), taken from public registers.
VALID_VAT_IDS = {
    "DE": "DE136695976",
    "AT": "ATU13585627",
    "NL": "NL004495445B01",
    "FR": "FR40303265045",
    "BE": "BE0203201340",
    "IT": "IT00743110157",
    "ES": "ESA28015865",
    "LU": "LU15027442",
}


def make_category(parent, title: str) -> CategoryPage:
    slug = title.lower().replace(" ", "-")
    return parent.add_child(instance=CategoryPage(title=title, slug=slug, locale=parent.locale))


def make_product(category, title: str, brand: Brand | None = None) -> ProductPage:
    slug = title.lower().replace(" ", "-")
    return category.add_child(instance=ProductPage(title=title, slug=slug, brand=brand, locale=category.locale))


def make_variant(
    product,
    sku: str,
    retail_price: str = "11.90",
    *,
    tax_class: str = TaxClass.STANDARD,
    compare_at_price: str | None = None,
    net_quantity: str = "250",
    net_unit: str = "g",
) -> ProductVariant:
    return ProductVariant.objects.create(
        product=product,
        sku=sku,
        size_label=f"{net_quantity} {net_unit}",
        net_quantity=Decimal(net_quantity),
        net_unit=net_unit,
        retail_price=Decimal(retail_price),
        compare_at_price=Decimal(compare_at_price) if compare_at_price else None,
        tax_class=tax_class,
    )


def make_price_list(
    name: str = "Fachhandel",
    *,
    valid_from: datetime.date = datetime.date(2026, 1, 1),
    valid_until: datetime.date | None = None,
    active: bool = True,
) -> PriceList:
    return PriceList.objects.create(name=name, valid_from=valid_from, valid_until=valid_until, active=active)


def add_entry(price_list: PriceList, variant, tiers: dict[int, str]) -> PriceListEntry:
    entry = PriceListEntry.objects.create(price_list=price_list, variant=variant)
    for min_quantity, unit_net in tiers.items():
        TierPrice.objects.create(entry=entry, min_quantity=min_quantity, unit_net=Decimal(unit_net))
    return entry


def add_discount(price_list: PriceList, percentage: str, *, category=None, brand=None) -> PriceListDiscount:
    return PriceListDiscount.objects.create(
        price_list=price_list, category=category, brand=brand, percentage=Decimal(percentage)
    )


def make_user(username: str):
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.com", password="x")


def make_company(
    name: str = "Bioladen Sonnenschein GmbH",
    *,
    country: str = "DE",
    vat_id: str | None = None,
    status: str = CompanyStatus.APPROVED,
    price_list: PriceList | None = None,
    buyer=None,
) -> Company:
    company = Company.objects.create(
        name=name,
        vat_id=vat_id or VALID_VAT_IDS[country],
        country=country,
        street="Hauptstraße 1",
        postal_code="10115",
        city="Berlin",
        contact_email="einkauf@example.com",
        status=status,
        price_list=price_list,
    )
    if buyer is not None:
        CompanyMembership.objects.create(user=buyer, company=company)
    return company


def retail(country: str) -> PriceContext:
    return PriceContext.retail(authenticated=True, delivery_country=country, on_date=TODAY)


def b2b(company, country: str | None = None, on_date: datetime.date = TODAY) -> PriceContext:
    return PriceContext.for_company(company, delivery_country=country, on_date=on_date)
