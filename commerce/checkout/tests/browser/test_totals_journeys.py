"""Real Chromium: a German consumer's mixed-rate order with a promo code and an Austrian consumer's
order show the same subtotal, discount, shipping, VAT per rate and total on the cart page, the
mini cart, the review, the confirmation page, in the order e-mail and on the invoice PDF."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from commerce.cart.tests.factories import make_code
from commerce.orders.invoices import invoice_pdf_bytes
from commerce.orders.models import Order
from commerce.orders.services import mark_paid

from ..flow import shown_in_html, shown_in_text
from .test_checkout_journeys import CONFIRMATION_URL, add_to_cart

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]

VIENNA = {"street": "Stephansplatz 1", "postal_code": "1010", "city": "Wien", "country": "AT"}
BERLIN = {"street": "Hauptstr. 1", "postal_code": "10115", "city": "Berlin", "country": "DE"}


def shown_on(page) -> dict:
    html = page.locator("dl.totals").evaluate("element => element.outerHTML")
    return shown_in_html(html.replace("&nbsp;", " "))


def mini_cart_total(page) -> str:
    total = page.locator("#mini-cart .mini-cart__total")
    expect(total).to_be_visible()
    return total.inner_text().replace("\xa0", " ").strip()


def enter_address(page, base_url: str, address: dict):
    page.goto(base_url + "/checkout/address/")
    page.fill("input[name=email]", "erika@example.com")
    page.fill("input[name=shipping-first_name]", "Erika")
    page.fill("input[name=shipping-last_name]", "Muster")
    page.fill("input[name=shipping-street]", address["street"])
    page.fill("input[name=shipping-postal_code]", address["postal_code"])
    page.fill("input[name=shipping-city]", address["city"])
    page.select_option("select[name=shipping-country]", address["country"])
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checkout/delivery/$"))


def choose_methods(page):
    page.check('input[name=shipping_method][value="zone:dhl-paket"]')
    page.check("input[name=payment_method][value=prepayment]")
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checkout/review/$"))


def place(page):
    page.check("input[name=accept_terms]")
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()
    page.wait_for_url(CONFIRMATION_URL)


def on_invoice(order: Order) -> str:
    mark_paid(order, actor="system")  # a prepayment order is invoiced once paid
    order.refresh_from_db()
    reader = PdfReader(BytesIO(invoice_pdf_bytes(order.invoice)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages).replace("\xa0", " ")


def assert_invoice_agrees(invoice: str, shown: dict):
    """The invoice is net-based (§ 14 UStG): it shows the same VAT per rate and the same total."""
    with translation.override("de"):
        for rate, vat in shown["vat"].items():
            assert f"{gettext('VAT')} {rate} % {vat}" in invoice
        assert f"{gettext('Total gross')} {shown['total']}" in invoice


def journey(page, base_url: str, shop, *, address: dict, code: str | None):
    """Shop, (apply a code), give the address, compare cart, mini cart and review; place; compare the rest."""
    page.goto(base_url + shop.minze.url)
    add_to_cart(page, 3)
    page.goto(base_url + shop.seife.url)
    add_to_cart(page, 1)
    if code:
        page.goto(base_url + "/cart/")
        page.fill("#promo-code", code.lower())
        page.locator("form.promo-codes__form").get_by_role("button").click()
        expect(page.locator(".promo-codes__applied")).to_contain_text(code)
    enter_address(page, base_url, address)
    choose_methods(page)
    review = shown_on(page)

    page.goto(base_url + "/cart/")  # the cart page for the delivery country now known
    assert shown_on(page) == review
    assert mini_cart_total(page) == review["total"]

    page.goto(base_url + "/checkout/review/")
    place(page)
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Bestellung")
    assert shown_on(page) == review

    order = Order.objects.get(email="erika@example.com", shipping_country=address["country"])
    message = next(m for m in mail.outbox if order.number in m.subject)
    assert shown_in_html(message.alternatives[0][0].replace("\xa0", " ")) == review
    assert shown_in_text(message.body, shipping_name="DHL Paket") == review
    assert_invoice_agrees(on_invoice(order), review)
    assert page.console_errors == []
    return review


def test_german_mixed_rate_order_with_a_promo_code_shows_one_set_of_totals(page, live_server, shop):
    make_code("SOMMER10", value="10")

    review = journey(page, live_server.url, shop, address=BERLIN, code="SOMMER10")

    # 3 × 10.70 at 7 % + 11.90 at 19 % = 44.00, −4.40; shipping 4.90 follows the goods' rates.
    assert review == {
        "subtotal": "44,00 €",
        "discount": "4,40 €",
        "shipping": "4,90 €",
        "vat": {"19": "1,91 €", "7": "2,13 €"},
        "total": "44,50 €",
    }


def test_austrian_consumer_order_shows_one_set_of_totals_at_austrian_rates(page, live_server, shop):
    review = journey(page, live_server.url, shop, address=VIENNA, code=None)

    assert set(review["vat"]) == {"20", "10"}  # OSS: Austria's rates for the goods and their shipping
    assert review["shipping"] == "9,90 €"
