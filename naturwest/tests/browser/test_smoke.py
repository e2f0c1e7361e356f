import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("path", "lang", "text"), [("/", "de", "Naturprodukte"), ("/en/", "en", "natural products")])
def test_home_page_loads_in_the_browser_without_console_errors(page, live_server, demo_site, path, lang, text):
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert text in page.locator("h1").inner_text()
    assert page.console_errors == []
