"""Sign-up on a phone in German: the shopper is addressed with "Sie", allauth's messages included."""

import pytest

from ..test_tone_of_address import _du_forms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_german_sign_up_on_a_phone_says_sie(page, live_server, demo_site):
    page.goto(live_server.url + "/account/signup/")
    page.get_by_label("E-Mail").fill("neu@example.com")
    page.locator("input[name=password1]").fill("Wald-und-Wiese-2026")
    page.locator("input[name=password2]").fill("Wald-und-Wiese-2027")
    page.get_by_role("button", name="Registrieren").click()

    page.get_by_text("Bitte geben Sie zweimal dasselbe Passwort ein.").first.wait_for()
    text = page.locator("main").inner_text()
    assert "Mit einem Kundenkonto speichern Sie Adressen" in text
    assert _du_forms(text) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
