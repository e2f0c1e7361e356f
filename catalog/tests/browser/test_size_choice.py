"""Choosing a size in real Chromium puts that size, at its price, in the cart: with JavaScript at phone and
desktop width, and without JavaScript."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from catalog.tests.factories import make_category, make_product, variant
from commerce.cart.models import CartLine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [  # (sku, label, price shown, base price shown, availability)
    ("LAV-50", "50 ml", "6,49", "129,80\xa0€/l", "Auf Lager"),
    ("LAV-200", "200 ml", "12,99", "64,95\xa0€/l", "Auf Lager"),
    ("LAV-500", "500 ml", "28,49", "56,98\xa0€/l", "Nur noch 2 Stück"),
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture
def lavendel(home_de):
    return make_product(
        make_category(home_de, "Körperpflege"),
        "Lavendelöl",
        variants=[
            variant("6.49", net_quantity="50", net_unit="ml", sku="LAV-50", stock=30),
            variant("12.99", net_quantity="200", net_unit="ml", sku="LAV-200", stock=30),
            variant("28.49", net_quantity="500", net_unit="ml", sku="LAV-500", stock=2),
        ],
    )


def new_page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="de-DE", **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return context, page


def cart_contents():
    return sorted(
        (line.variant.sku, line.quantity, line.unit_price_at_add) for line in CartLine.objects.select_related("variant")
    )


@pytest.mark.parametrize("width", VIEWPORTS)
def test_each_size_chosen_goes_into_the_cart_at_its_price(browser, live_server, lavendel, width):
    context, page = new_page(browser, VIEWPORTS[width])
    page.goto(live_server.url + lavendel.url)
    form = page.locator("form.add-to-cart")
    offer = page.locator(".product__offer:visible")

    for sku, label, price, base_price, availability in reversed(SIZES):
        page.get_by_label(f"{label} – {price}").check()
        # Price, base price and availability of the chosen size, at once and without a reload.
        expect(offer).to_have_count(1)
        expect(offer.locator(".price")).to_have_text(f"{price}\xa0€")
        expect(offer.locator(".base-price")).to_have_text(f"{label} ({base_price})")
        expect(offer.locator(".availability")).to_have_text(availability)
        assert page.url.endswith(f"?variant={sku}")

        with page.expect_response(lambda response: response.url.endswith("/cart/add/")) as added:
            form.get_by_role("button", name="In den Warenkorb").click()
        assert added.value.ok
        expect(form.locator("[data-cart-message]")).to_have_text(re.compile("Lavendelöl"))
        expect(form.locator("[data-cart-message]")).to_have_class(re.compile("cart-message--success"))

    assert cart_contents() == [
        ("LAV-200", 1, Decimal("12.99")),
        ("LAV-50", 1, Decimal("6.49")),
        ("LAV-500", 1, Decimal("28.49")),
    ]
    page.goto(live_server.url + "/cart/")
    cart = page.locator("main").inner_text()
    for _sku, label, price, _base, _availability in SIZES:
        assert label in cart
        assert re.search(price.replace(",", "[,.]"), cart), f"{price} not in the cart"
    assert page.console_errors == []
    context.close()


def test_without_javascript_the_chosen_size_goes_into_the_cart(browser, live_server, lavendel):
    context, page = new_page(browser, VIEWPORTS["phone"], java_script_enabled=False)
    page.goto(live_server.url + lavendel.url)

    page.get_by_label("500 ml – 28,49").check()
    with page.expect_navigation():
        page.locator("form.add-to-cart").get_by_role("button", name="In den Warenkorb").click()

    assert cart_contents() == [("LAV-500", 1, Decimal("28.49"))]
    assert "Lavendelöl" in page.locator("body").inner_text()  # the confirmation message after the redirect
    context.close()
