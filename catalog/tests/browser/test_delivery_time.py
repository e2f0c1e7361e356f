"""Delivery time and sold-out sizes in real Chromium, at phone and desktop width: a sold-out size shows
"Ausverkauft" with a disabled button, an orderable size its delivery time, and adding it works."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from commerce.cart.models import CartLine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("width", VIEWPORTS)
def test_sold_out_size_disables_the_button_and_an_orderable_size_shows_its_delivery_time(
    browser, live_server, ringelblume, width, tmp_path
):
    context = browser.new_context(viewport=VIEWPORTS[width], locale="de-DE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + ringelblume.url)
    form = page.locator("form.add-to-cart")
    offer = page.locator(".product__offer:visible")
    button = form.locator("[data-add-button]")

    page.get_by_label("200 ml – 19,90").check()  # sold out: choosable with JavaScript, to see its state
    expect(offer.locator(".availability")).to_have_text("Ausverkauft")
    expect(button).to_be_disabled()
    expect(button).to_have_text("Ausverkauft")

    page.get_by_label("100 ml – 12,90").check()
    expect(offer.locator(".availability")).to_have_text("Lieferbar auf Bestellung – Lieferzeit ca. 10–11 Werktage")
    expect(button).to_be_enabled()

    page.get_by_label("50 ml – 7,90").check()
    expect(offer.locator(".availability")).to_have_text("Auf Lager")
    expect(offer.locator(".delivery-time")).to_have_text("Lieferzeit: 2–3 Werktage")
    expect(button).to_be_enabled()
    expect(button).to_have_text("In den Warenkorb")
    if width == "phone":
        page.screenshot(path=str(Path(tmp_path) / "delivery-time-390.png"), full_page=True)

    with page.expect_response(lambda response: response.url.endswith("/cart/add/")) as added:
        button.click()
    assert added.value.ok
    expect(form.locator("[data-cart-message]")).to_have_class(re.compile("cart-message--success"))
    assert [(line.variant.sku, line.quantity, line.unit_price_at_add) for line in CartLine.objects.all()] == [
        ("RB-50", 1, Decimal("7.90"))
    ]

    page.goto(live_server.url + "/cart/")
    expect(page.locator(".cart-line__delivery")).to_have_text(["Lieferzeit: 2–3 Werktage"])
    assert errors == []
    context.close()
