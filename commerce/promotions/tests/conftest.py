import pytest

from commerce.cart.tests.factories import make_shop


@pytest.fixture
def shop(demo_site):
    return make_shop(demo_site.root_page.specific)
