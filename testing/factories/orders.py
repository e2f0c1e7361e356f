"""Orders as the shop makes them: priced lines and `place_order`, never rows written by hand."""

from __future__ import annotations

import uuid
from decimal import Decimal

from catalog.models import ProductVariant
from commerce.orders.models import Address
from commerce.orders.services import place_order
from commerce.orders.totals import PricedLine, ShippingChoice

ADDRESS = Address(first_name="Erika", last_name="Muster", street="Hauptstr. 1", postal_code="10115", city="Berlin")
DHL = ShippingChoice(code="dhl", name="DHL Paket", net=Decimal("4.20"), gross=Decimal("4.99"))


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
    """A placed order of `quantity` × `variant` to Berlin by DHL, paid by prepayment unless told otherwise."""
    kwargs.setdefault("payment_method", "prepayment")
    return place_order(
        idempotency_key=key or uuid.uuid4().hex,
        email=kwargs.pop("email", "erika@example.com"),
        lines=[priced_line(variant, quantity)],
        shipping_address=ADDRESS,
        shipping=DHL,
        **kwargs,
    )
