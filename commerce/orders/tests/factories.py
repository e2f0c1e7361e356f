"""Test data for orders: real catalogue variants and real placed orders (through place_order)."""

from __future__ import annotations

import itertools
import uuid
from decimal import Decimal

from wagtail.models import Locale, Page

from catalog.models import ProductPage, ProductVariant
from commerce.orders.models import Address
from commerce.orders.services import place_order
from commerce.orders.totals import PricedLine, ShippingChoice

_serial = itertools.count(1)

ADDRESS = Address(first_name="Erika", last_name="Muster", street="Hauptstr. 1", postal_code="10115", city="Berlin")
DHL = ShippingChoice(code="dhl", name="DHL Paket", net=Decimal("4.20"), gross=Decimal("4.99"))


def _root() -> Page:
    """The tree root; transactional tests flush the one Wagtail's migrations created."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code="de")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def make_variant(*, stock: int = 10, price: str = "11.90", backorder: bool = False, **fields) -> ProductVariant:
    n = next(_serial)
    product = _root().add_child(instance=ProductPage(title=f"Seife {n}", slug=f"seife-{n}-{uuid.uuid4().hex[:6]}"))
    return ProductVariant.objects.create(
        product=product,
        sku=fields.pop("sku", f"SKU-{n}-{uuid.uuid4().hex[:6]}"),
        size_label=fields.pop("size_label", "100 g"),
        net_quantity=Decimal(100),
        retail_price=Decimal(price),
        stock_quantity=stock,
        backorder_allowed=backorder,
        **fields,
    )


def priced_line(variant: ProductVariant, quantity: int = 1, *, rate: str = "19", discount: str = "0") -> PricedLine:
    gross = variant.retail_price
    net = (gross * 100 / (100 + Decimal(rate))).quantize(Decimal("0.01"))
    return PricedLine(
        variant_id=variant.pk,
        sku=variant.sku,
        product_title=variant.product.title,
        variant_label=variant.size_label,
        quantity=quantity,
        unit_net=net,
        unit_gross=gross,
        vat_rate=Decimal(rate),
        discount_gross=Decimal(discount),
        pricing_rule="retail",
    )


def order_for(variant: ProductVariant, quantity: int = 1, *, key: str | None = None, **kwargs):
    kwargs.setdefault("payment_method", "prepayment")
    return place_order(
        idempotency_key=key or uuid.uuid4().hex,
        email=kwargs.pop("email", "erika@example.com"),
        lines=[priced_line(variant, quantity)],
        shipping_address=ADDRESS,
        shipping=DHL,
        **kwargs,
    )
