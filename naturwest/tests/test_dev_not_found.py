"""`make run` (DEBUG on) shows the shop's own 404 page, never Django's technical one with the URL patterns."""

import pytest

MIDDLEWARE = "naturwest.middleware.DebugShopNotFoundMiddleware"


@pytest.fixture
def dev_debug(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    return settings


def test_the_dev_settings_use_the_shop_404_middleware():
    from naturwest.settings import dev

    assert dev.MIDDLEWARE[-1] == MIDDLEWARE


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/nope/", "Seite nicht gefunden"),  # routed to Wagtail, which raises Http404
        ("/nope.php", "Seite nicht gefunden"),  # matches no URL pattern at all
        ("/en/nope/", "Page not found"),
    ],
)
def test_with_debug_unknown_urls_render_the_shop_404(client, demo_site, dev_debug, path, text):
    response = client.get(path)
    html = response.content.decode()

    assert response.status_code == 404
    assert text in html
    assert "skip-link" in html  # the shop's layout
    assert dev_debug.DJANGO_ADMIN_PATH not in html
    assert "URLconf" not in html


def test_without_debug_the_middleware_changes_nothing(client, demo_site, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]

    response = client.get("/nope/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
