"""Commerce data: accounts, companies, price lists, promo codes, carts and a small shop to sell from."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from types import SimpleNamespace

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from stdnum.iso7064 import mod_11_10

from catalog.models import Brand, TaxClass
from commerce.cart.models import Cart, CartLine
from commerce.companies.models import Company, CompanyMembership, CompanyStatus
from commerce.pricing.context import PriceContext
from commerce.pricing.models import PriceList, PriceListDiscount, PriceListEntry, TierPrice
from commerce.promotions.models import PromoCode

from .catalog import add_category, add_product, make_variant, sku_variant

_serial = itertools.count(1)

TODAY = datetime.date(2026, 6, 15)
PASSWORD = "Wald-und-Wiese-2026"

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


def german_vat_id(n: int) -> str:
    """A distinct German VAT ID with a valid check digit (the column is unique)."""
    body = f"{20000000 + n:08d}"
    return f"DE{body}{mod_11_10.calc_check_digit(body)}"


# --- people ----------------------------------------------------------------------------------------
def make_user(username: str, **fields):
    """A customer account with the password "x"."""
    return get_user_model().objects.create_user(
        username=username, email=fields.pop("email", f"{username}@example.com"), password="x", **fields
    )


def make_shopper(email: str = "anna@example.com", password: str = PASSWORD, verified: bool = True):
    """A shopper as allauth signs them up: username from the e-mail, a primary (verified) address."""
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_staff(username: str, *codenames: str, email: str | None = None):
    """A staff member with exactly these permissions (add "access_admin" for the Wagtail admin)."""
    user = get_user_model().objects.create_user(
        username, email or f"{username}@naturwest.example", "pw-123456789", is_staff=True
    )
    if codenames:
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


# --- companies ---------------------------------------------------------------------------------------
class CompanyFactory(factory.django.DjangoModelFactory):
    """An approved German company in Berlin; `CompanyFactory(buyer=user)` also makes `user` its buyer."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Bioladen {n} GmbH")
    vat_id = factory.Sequence(german_vat_id)
    country = "DE"
    street = "Hauptstraße 1"
    postal_code = "10115"
    city = "Berlin"
    contact_email = factory.LazyAttribute(lambda company: f"info@{company.name.split()[0].lower()}.example")
    status = CompanyStatus.APPROVED

    @factory.post_generation
    def buyer(company, create, user, **kwargs):
        if create and user is not None:
            CompanyMembership.objects.create(user=user, company=company)


def make_company(
    name: str = "Bioladen Sonnenschein GmbH",
    *,
    country: str = "DE",
    vat_id: str | None = None,
    status: str = CompanyStatus.APPROVED,
    price_list: PriceList | None = None,
    buyer=None,
    **fields,
) -> Company:
    fields.setdefault("contact_email", "einkauf@example.com")
    return CompanyFactory(
        name=name,
        vat_id=vat_id or VALID_VAT_IDS[country],
        country=country,
        status=status,
        price_list=price_list,
        buyer=buyer,
        **fields,
    )


# --- prices ----------------------------------------------------------------------------------------
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


def guest_context() -> PriceContext:
    return PriceContext.retail()


def retail(country: str) -> PriceContext:
    return PriceContext.retail(authenticated=True, delivery_country=country, on_date=TODAY)


def b2b(company, country: str | None = None, on_date: datetime.date = TODAY) -> PriceContext:
    return PriceContext.for_company(company, delivery_country=country, on_date=on_date)


# --- promotions and carts ----------------------------------------------------------------------------
def make_code(code: str = "SOMMER10", kind: str = "percent", value: str = "10", **fields) -> PromoCode:
    return PromoCode.objects.create(code=code, kind=kind, value=Decimal(value), **fields)


def cart_with(*items, user=None) -> Cart:
    """items: (variant, quantity); snapshot prices are the retail gross prices."""
    cart = Cart.objects.create(user=user)
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity, unit_price_at_add=variant.retail_price)
    return cart


# --- shops -----------------------------------------------------------------------------------------
def make_shop(home) -> SimpleNamespace:
    """Kosmetik > Olivenseife (11.90, 19 %, brand Savon); Tee > Minztee (10.70, 7 %); 20 of each in stock."""
    kosmetik = add_category(home, "Kosmetik")
    tee = add_category(home, "Tee")
    savon = Brand.objects.create(name=f"Savon {next(_serial)}", slug=f"savon-{next(_serial)}")
    seife = add_product(kosmetik, "Olivenseife", brand=savon)
    minze = add_product(tee, "Minztee")
    return SimpleNamespace(
        home=home,
        kosmetik=kosmetik,
        tee=tee,
        savon=savon,
        seife=seife,
        minze=minze,
        soap=make_variant(seife, "11.90", stock=20),
        tea=make_variant(minze, "10.70", stock=20, tax_class=TaxClass.REDUCED),
    )


def make_price_shop(home) -> SimpleNamespace:
    """Tee > Kräutertee > Pfefferminztee (brand Kräutergarten), Kosmetik > Seife (brand Savon); no stock."""
    tee = add_category(home, "Tee")
    kraeutertee = add_category(tee, "Kraeutertee")
    kosmetik = add_category(home, "Kosmetik")
    kraeutergarten = Brand.objects.create(name="Kräutergarten", slug="kraeutergarten")
    savon = Brand.objects.create(name="Savon", slug="savon")
    minze = add_product(kraeutertee, "Pfefferminztee", brand=kraeutergarten)
    seife = add_product(kosmetik, "Olivenseife", brand=savon)
    return SimpleNamespace(
        tee=tee,
        kraeutertee=kraeutertee,
        kosmetik=kosmetik,
        kraeutergarten=kraeutergarten,
        savon=savon,
        minze=minze,
        seife=seife,
        # 11.90 gross incl. 19 % = 10.00 net; 250 g
        soap=sku_variant(seife, "SEIFE-250", "11.90", compare_at_price="14.90"),
        # 10.70 gross incl. 7 % = 10.00 net; 100 g
        tea=sku_variant(minze, "MINZE-100", "10.70", tax_class=TaxClass.REDUCED, net_quantity="100"),
    )
