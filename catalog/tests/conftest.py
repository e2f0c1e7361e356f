import pytest
from wagtail.models import Locale

from content.models import HomePage


@pytest.fixture
def home_de(demo_site):
    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def locale_en(demo_site):
    return Locale.objects.get(language_code="en")
