import pytest


@pytest.fixture
def shop(pricing_shop):
    """In the pricing tests `shop` is the catalogue to price, without stock."""
    return pricing_shop
