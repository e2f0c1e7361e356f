"""Which quantities a customer may order: sane bounds for everybody, pack rules for B2B."""

from __future__ import annotations

import re

from .context import PriceContext
from .errors import QuantityError, QuantityErrorCode
from .models import VariantQuantityRule

MAX_QUANTITY = 9999
# ASCII digits only: `\d` and int() also take "５" or "٥" (other scripts' digits), which no quantity field shows.
_DIGITS = re.compile(r"^\s*[0-9]+\s*\Z", re.ASCII)


def parse_quantity(raw) -> int:
    """A form or JSON value as a whole number; anything else is a QuantityError."""
    if isinstance(raw, bool):
        raise QuantityError(QuantityErrorCode.NOT_A_NUMBER)
    if isinstance(raw, int):
        quantity = raw
    elif isinstance(raw, str) and _DIGITS.match(raw) and len(raw.strip()) <= 9:
        quantity = int(raw)
    elif isinstance(raw, str) and raw.strip().startswith("-") and _DIGITS.match(raw.strip()[1:]):
        raise QuantityError(QuantityErrorCode.NOT_POSITIVE)
    elif isinstance(raw, str) and _DIGITS.match(raw):
        raise QuantityError(QuantityErrorCode.TOO_LARGE, maximum=MAX_QUANTITY)
    else:
        raise QuantityError(QuantityErrorCode.NOT_A_NUMBER)
    check_quantity_bounds(quantity)
    return quantity


def check_quantity_bounds(quantity) -> None:
    """1..MAX_QUANTITY, integers only: what any price quote needs."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise QuantityError(QuantityErrorCode.NOT_A_NUMBER)
    if quantity < 1:
        raise QuantityError(QuantityErrorCode.NOT_POSITIVE)
    if quantity > MAX_QUANTITY:
        raise QuantityError(QuantityErrorCode.TOO_LARGE, maximum=MAX_QUANTITY)


def validate_quantity(variant, quantity, context: PriceContext) -> None:
    """Raise QuantityError unless `quantity` of `variant` may be ordered in `context`.

    B2B buyers also meet the variant's minimum order quantity and pack multiple
    (one query); retail customers are not bound by them. Stock is checked by the cart.
    """
    check_quantity_bounds(quantity)
    if not context.is_b2b:
        return
    rule = VariantQuantityRule.objects.filter(variant_id=variant.pk).first()
    if rule is None:
        return
    if quantity < rule.b2b_min_quantity:
        raise QuantityError(QuantityErrorCode.BELOW_MINIMUM, minimum=rule.b2b_min_quantity)
    if quantity % rule.b2b_pack_multiple:
        raise QuantityError(QuantityErrorCode.NOT_PACK_MULTIPLE, pack=rule.b2b_pack_multiple)
