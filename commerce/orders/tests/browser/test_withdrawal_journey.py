"""A guest on a phone withdraws from an order in two steps, without JavaScript, and gets the acknowledgement."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from commerce.orders.models import OrderEventType, Withdrawal
from commerce.orders.tests.factories import make_variant, order_for
from testing.browser import assert_inset_from_the_screen_edges

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_guest_withdraws_in_two_steps_and_receives_the_acknowledgement(
    phone_without_javascript, live_server, demo_site
):
    page = phone_without_javascript
    order = order_for(make_variant(), email="erika@example.com", language="de")
    mail.outbox.clear()

    page.goto(live_server.url + "/")
    link = page.locator("footer").get_by_role("link", name="Vertrag hier widerrufen")
    expect(link).to_be_visible()
    link.click()

    page.wait_for_url(re.compile(r"/withdrawal/$"))
    assert_inset_from_the_screen_edges(page, "main h1", "main form")
    page.get_by_label("Bestellnummer").fill(order.number)
    page.get_by_label("E-Mail-Adresse der Bestellung").fill("erika@example.com")
    page.get_by_role("button", name="Weiter", exact=True).click()

    page.wait_for_url(re.compile(rf"/withdrawal/{order.uuid}/$"))
    expect(page.get_by_text("Schritt 1 von 2")).to_be_visible()
    expect(page.get_by_label("Ihr Name")).to_have_value("Erika Muster")
    page.get_by_label("Die gesamte Bestellung").check()
    page.get_by_label("E-Mail-Adresse für die Eingangsbestätigung").fill("bestaetigung@example.com")
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Weiter zur Bestätigung").click()

    page.wait_for_url(re.compile(rf"/withdrawal/{order.uuid}/confirm/$"))
    expect(page.get_by_text("Schritt 2 von 2")).to_be_visible()
    assert not Withdrawal.objects.exists()
    confirm = page.get_by_role("button", name="Widerruf bestätigen")
    expect(confirm).to_be_visible()
    assert _fits_the_screen(page)
    confirm.click()

    page.wait_for_url(re.compile(r"/withdrawal/done/[0-9a-f-]{36}/$"))
    expect(page.locator("h1")).to_have_text("Widerruf eingegangen")
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.whole_order and withdrawal.email == "bestaetigung@example.com"
    assert order.events.filter(type=OrderEventType.WITHDRAWAL_DECLARED).exists()
    acknowledgement = [message for message in mail.outbox if message.to == ["bestaetigung@example.com"]]
    assert len(acknowledgement) == 1
    body = acknowledgement[0].body
    assert acknowledgement[0].subject == f"Bestätigung Ihres Widerrufs der Bestellung {order.number}"
    assert "Die gesamte Bestellung" in body and order.lines.get().sku in body
    assert re.search(r"Eingegangen am: \d{1,2}\. \w+ \d{4}, \d{2}:\d{2} CET", body)
