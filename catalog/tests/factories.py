"""Catalogue test data; the factories live in `testing.factories` (this module keeps older imports working)."""

from testing.factories import (  # noqa: F401
    AttributeFactory,
    BrandFactory,
    Catalog,
    CertificationFactory,
    ImageFactory,
    build_catalog,
    make_category,
    make_ean13,
    make_product,
    variant,
)
