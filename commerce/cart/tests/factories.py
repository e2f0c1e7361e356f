"""Shop data for cart, promotion and checkout tests: live products with stock, carts, codes."""

from __future__ import annotations

import itertools
from decimal import Decimal
from types import SimpleNamespace

from catalog.models import Brand, CategoryPage, ProductPage, ProductVariant, TaxClass
from commerce.cart.models import Cart, CartLine
from commerce.pricing.context import PriceContext
from commerce.promotions.models import PromoCode

_serial = itertools.count(1)

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def make_category(parent, title: str) -> CategoryPage:
    n = next(_serial)
    return parent.add_child(instance=CategoryPage(title=title, slug=f"{title.lower()}-{n}", locale=parent.locale))


def make_product(category, title: str, brand: Brand | None = None) -> ProductPage:
    n = next(_serial)
    return category.add_child(
        instance=ProductPage(title=title, slug=f"{title.lower()}-{n}", brand=brand, locale=category.locale)
    )


def make_variant(product, price: str = "11.90", *, stock: int = 20, tax_class=TaxClass.STANDARD, **fields):
    n = next(_serial)
    return ProductVariant.objects.create(
        product=product,
        sku=fields.pop("sku", f"SKU-{n}"),
        size_label=fields.pop("size_label", "250 g"),
        net_quantity=Decimal(250),
        retail_price=Decimal(price),
        stock_quantity=stock,
        tax_class=tax_class,
        weight_grams=fields.pop("weight_grams", 300),
        **fields,
    )


def make_shop(home) -> SimpleNamespace:
    """Kosmetik > Olivenseife (11.90, 19 %, brand Savon); Tee > Minztee (10.70, 7 %)."""
    kosmetik = make_category(home, "Kosmetik")
    tee = make_category(home, "Tee")
    savon = Brand.objects.create(name=f"Savon {next(_serial)}", slug=f"savon-{next(_serial)}")
    seife = make_product(kosmetik, "Olivenseife", brand=savon)
    minze = make_product(tee, "Minztee")
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


def cart_with(*items, user=None) -> Cart:
    """items: (variant, quantity); snapshot prices are the retail gross prices."""
    cart = Cart.objects.create(user=user)
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity, unit_price_at_add=variant.retail_price)
    return cart


def make_code(code: str = "SOMMER10", kind: str = "percent", value: str = "10", **fields) -> PromoCode:
    return PromoCode.objects.create(code=code, kind=kind, value=Decimal(value), **fields)


def anonymous() -> PriceContext:
    return PriceContext.retail()
