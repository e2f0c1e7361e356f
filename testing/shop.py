"""Shop fixtures: products to sell, shoppers to sell them to."""

from __future__ import annotations

import pytest


@pytest.fixture
def shop(home):
    """Soap (19 %) and tea (7 %) with stock, in the demo site's tree (see `factories.make_shop`)."""
    from testing import factories

    return factories.make_shop(home)


@pytest.fixture
def pricing_shop(home):
    """Two categories, two brands, a soap and a tea to price (see `factories.make_price_shop`)."""
    from testing import factories

    return factories.make_price_shop(home)


@pytest.fixture
def ringelblume(home):
    """A salve in three sizes: 50 ml in stock, 100 ml on backorder (8 days), 200 ml sold out."""
    from testing.factories import make_category, make_product, variant

    return make_product(
        make_category(home, "Körperpflege"),
        "Ringelblumensalbe",
        variants=[
            variant("7.90", net_quantity="50", net_unit="ml", sku="RB-50", stock=30),
            variant(
                "12.90",
                net_quantity="100",
                net_unit="ml",
                sku="RB-100",
                stock=0,
                backorder_allowed=True,
                backorder_lead_days=8,
            ),
            variant("19.90", net_quantity="200", net_unit="ml", sku="RB-200", stock=0),
        ],
    )


@pytest.fixture
def anonymous():
    """A guest's price context on the pricing tests' fixed date."""
    from commerce.pricing.context import PriceContext
    from testing.factories import TODAY

    return PriceContext.retail(on_date=TODAY)


@pytest.fixture
def make_shopper(db):
    """`make_shopper(email=..., password=..., verified=...)`: a signed-up shopper."""
    from testing import factories

    return factories.make_shopper


@pytest.fixture
def shopper(make_shopper):
    return make_shopper()


@pytest.fixture
def shopper_client(client, shopper):
    client.force_login(shopper)
    return client
