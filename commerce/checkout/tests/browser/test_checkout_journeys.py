"""Issue 4 journeys in real Chromium: a guest buys with a promo code, a company buyer orders 48 on invoice.

Each journey starts on the product page, goes through the cart and every checkout step by
clicking, and ends on the confirmation page; the database is checked afterwards.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from commerce.cart.tests.factories import make_code
from commerce.companies.models import PaymentTerms
from commerce.orders.models import Order
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list
from commerce.promotions.models import PromoCode, PromoCodeUsage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]

CONFIRMATION_URL = re.compile(r"/order/[0-9a-f-]{36}/confirmation/$")
PASSWORD = "Wald-und-Wiese-2026"
TIERS = {1: "8.90", 12: "7.90", 48: "6.90"}
COMPANY_PRICE_MARKS = ("8,90", "7,90", "6,90", "zzgl. MwSt.", "Preise netto", "Staffelpreise")


def add_to_cart(page, quantity: int = 1):
    form = page.locator("form.add-to-cart")
    form.locator("input[name=quantity]").fill(str(quantity))
    form.get_by_role("button", name="In den Warenkorb").click()
    expect(form.locator("[data-cart-message]")).to_have_class(re.compile("cart-message--success"))


def check_out(page, base_url: str, *, payment_method: str, email: str | None = None):
    """Cart → address → delivery → review → order button; returns on the confirmation page."""
    page.goto(base_url + "/cart/")
    page.get_by_role("link", name="Zur Kasse").click()
    page.wait_for_url(re.compile(r"/checkout/address/$"))
    if email is not None:
        page.fill("input[name=email]", email)
    page.fill("input[name=shipping-first_name]", "Erika")
    page.fill("input[name=shipping-last_name]", "Muster")
    page.fill("input[name=shipping-street]", "Hauptstr. 1")
    page.fill("input[name=shipping-postal_code]", "10115")
    page.fill("input[name=shipping-city]", "Berlin")
    page.select_option("select[name=shipping-country]", "DE")
    page.locator("form.checkout-form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/checkout/delivery/$"))
    page.check("input[name=shipping_method][value=flat-dhl]")
    page.check(f"input[name=payment_method][value={payment_method}]")
    page.locator("form.checkout-form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/checkout/review/$"))
    page.check("input[name=accept_terms]")
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()
    page.wait_for_url(CONFIRMATION_URL)
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Bestellung")


def test_guest_on_a_phone_buys_with_a_promo_code_and_prepayment(page, live_server, shop):
    make_code("SOMMER10", value="10")

    page.goto(live_server.url + shop.seife.url)
    add_to_cart(page)
    page.goto(live_server.url + "/cart/")
    page.fill("#promo-code", "sommer10")
    page.locator("form.promo-codes__form").get_by_role("button").click()
    expect(page.locator(".promo-codes__applied")).to_contain_text("SOMMER10")

    check_out(page, live_server.url, payment_method="prepayment", email="erika@example.com")

    order = Order.objects.get()
    assert page.url.endswith(f"/order/{order.uuid}/confirmation/")
    expect(page.locator("main")).to_contain_text(order.number)
    expect(page.locator("main")).to_contain_text("−1,19 €")  # 10 % of 11.90
    assert (order.email, order.payment_method, order.discount_gross) == (
        "erika@example.com",
        "prepayment",
        Decimal("1.19"),
    )
    assert PromoCodeUsage.objects.get().order == order
    assert PromoCode.objects.get().times_used == 1
    assert page.console_errors == []


@pytest.fixture
def company_buyer(shop, django_user_model):
    """An approved company with tier prices for the soap, buying on invoice; stock for 48 and more."""
    shop.soap.stock_quantity = 100
    shop.soap.save(update_fields=["stock_quantity"])
    price_list = make_price_list("Fachhandel")
    add_entry(price_list, shop.soap, TIERS)
    buyer = django_user_model.objects.create_user(username="einkauf", email="einkauf@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=buyer, email=buyer.email, verified=True, primary=True)
    company = make_company(price_list=price_list, buyer=buyer)
    company.payment_terms = PaymentTerms.INVOICE_NET_30
    company.credit_limit = Decimal("2000.00")
    company.save()
    return buyer


def test_company_buyer_logs_in_sees_net_tiers_orders_48_on_invoice_and_no_price_survives_logout(
    page, live_server, shop, company_buyer
):
    product_url = live_server.url + shop.seife.url
    page.goto(product_url)  # an anonymous visit first: the retail page is now in the HTML cache
    expect(page.locator(".product__price .price")).to_contain_text("11,90")

    page.goto(f"{live_server.url}/account/login/?next={shop.seife.url}")
    page.fill("input[name=login]", company_buyer.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[action*='/login/'] button[type=submit]").click()
    page.wait_for_url(product_url)

    price = page.locator(".product__price")
    expect(price.locator(".price")).to_contain_text("8,90")
    expect(price.locator(".tier-prices")).to_contain_text("7,90")
    expect(price.locator(".tier-prices")).to_contain_text("6,90")
    expect(price.locator(".vat-note")).to_contain_text("zzgl. MwSt.")
    expect(price).not_to_contain_text("11,90")

    add_to_cart(page, 48)
    check_out(page, live_server.url, payment_method="invoice")

    order = Order.objects.get()
    line = order.lines.get()
    assert (order.customer_kind, order.payment_method, order.company_name) == (
        "b2b",
        "invoice",
        "Bioladen Sonnenschein GmbH",
    )
    assert (line.quantity, line.unit_net) == (48, Decimal("6.90"))

    page.goto(live_server.url + "/account/")
    page.locator("main form[action*='/logout/'] button[type=submit]").click()
    page.wait_for_load_state()

    for url in (shop.seife.url, shop.kosmetik.url, "/search/?q=Olivenseife"):
        page.goto(live_server.url + url)
        mini_cart = page.locator("#mini-cart .mini-cart")
        expect(mini_cart).to_be_attached()  # the private fragment has loaded
        html = page.content()
        assert [mark for mark in COMPANY_PRICE_MARKS if mark in html] == [], url
    page.goto(product_url)
    expect(page.locator(".product__price .price")).to_contain_text("11,90")
    expect(page.locator(".product__price .vat-note")).to_contain_text("inkl. MwSt.")
    assert page.console_errors == []
