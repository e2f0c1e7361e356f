import pytest


@pytest.fixture
def shop(provider_shop):
    """In the integrations tests `shop` is the live server wired to both provider sandboxes."""
    return provider_shop
