import pytest
from django.core.cache import cache
from wagtail.models import Locale

from content.models import HomePage


@pytest.fixture(autouse=True)
def _empty_cache():
    """The HTML cache and rendition cache live in the locmem cache: each test starts cold."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_de(demo_site):
    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def locale_en(demo_site):
    return Locale.objects.get(language_code="en")
