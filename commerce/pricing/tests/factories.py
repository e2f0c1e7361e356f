"""Pricing test data; the factories live in `testing.factories` (this module keeps older imports working)."""

from testing.factories import (  # noqa: F401
    TODAY,
    VALID_VAT_IDS,
    add_discount,
    add_entry,
    b2b,
    make_company,
    make_price_list,
    make_user,
    retail,
)
from testing.factories import add_category as make_category  # noqa: F401
from testing.factories import add_product as make_product  # noqa: F401
from testing.factories import sku_variant as make_variant  # noqa: F401
