"""The demo app is installed by the dev settings (make run, tests) and never by the base settings."""

from django.conf import settings

from naturwest.settings import base


def test_dev_and_test_settings_install_the_demo_app():
    assert "demo" in settings.INSTALLED_APPS


def test_base_settings_do_not_install_the_demo_app():
    assert "demo" not in base.INSTALLED_APPS
