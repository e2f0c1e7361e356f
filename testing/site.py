"""The site every page test starts from: the minimal demo shop, its home pages, and per-test storage."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def demo_site(db):
    """The seeded demo shop (home page in de and en, locales, admin user)."""
    from django.core.management import call_command

    call_command("seed_demo", "--minimal", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def document_roots(settings, tmp_path):
    """Public media and private documents (invoices, labels) in directories of this test only."""
    from types import SimpleNamespace

    roots = SimpleNamespace(media=tmp_path / "media", private=tmp_path / "private")
    settings.MEDIA_ROOT = str(roots.media)
    settings.PRIVATE_MEDIA_ROOT = str(roots.private)
    return roots


@pytest.fixture
def dev_media_serving(settings):
    """The URLconf of `make run` (DEBUG on), where django.views.static serves MEDIA_ROOT under MEDIA_URL."""
    import importlib

    from django.urls import clear_url_caches

    import naturwest.urls

    debug = settings.DEBUG
    settings.DEBUG = True
    importlib.reload(naturwest.urls)
    clear_url_caches()
    yield
    settings.DEBUG = debug
    importlib.reload(naturwest.urls)
    clear_url_caches()


@pytest.fixture
def home(demo_site):
    """The German home page, the root of the default site."""
    from content.models import HomePage

    return HomePage.objects.get(locale__language_code="de")


@pytest.fixture
def home_de(home):
    return home


@pytest.fixture
def en_home(demo_site):
    from content.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def locale_en(demo_site):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
