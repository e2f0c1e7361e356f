"""Staff edit a shipping zone in the admin, in real Chromium; the checkout, the "Versand & Zahlung" page
and the header note change accordingly."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from commerce.cart.tests.factories import make_shop
from commerce.shipping.models import ShippingRate, ShippingZone
from content.models import StandardPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "Versand-und-Zahlung-2026"


@pytest.fixture
def storefront(demo_site):
    home = demo_site.root_page.specific
    page = StandardPage(
        title="Versand & Zahlung",
        slug="versand-zahlung",
        body=[("shipping_table", {"heading": "Versand & Zahlung", "customers": "all"})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return make_shop(home), page


def log_in(page, base_url, user):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def delivery_offers(page, base_url, shop) -> list[str]:
    """A shopper puts the soap (11.90 €) in the cart and reaches the delivery step with a Berlin address."""
    page.goto(base_url + shop.seife.url)
    form = page.locator("form.add-to-cart")
    form.get_by_role("button", name="In den Warenkorb").click()
    expect(form.locator("[data-cart-message]")).to_have_class(re.compile("cart-message--success"))
    page.goto(base_url + "/checkout/address/")
    page.fill("input[name=email]", "erika@example.com")
    page.fill("input[name=shipping-first_name]", "Erika")
    page.fill("input[name=shipping-last_name]", "Muster")
    page.fill("input[name=shipping-street]", "Hauptstr. 1")
    page.fill("input[name=shipping-postal_code]", "10115")
    page.fill("input[name=shipping-city]", "Berlin")
    page.select_option("select[name=shipping-country]", "DE")
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checkout/delivery/$"))
    return [text.strip() for text in page.locator("label:has(input[name=shipping_method])").all_inner_texts()]


def test_staff_edit_a_zone_and_the_checkout_the_shipping_page_and_the_header_follow(
    browser, live_server, storefront, admin_user
):
    shop, shipping_page = storefront
    admin_user.set_password(PASSWORD)
    admin_user.save()

    shopper = browser.new_context(locale="de-DE").new_page()
    shopper.goto(live_server.url + shipping_page.url)
    expect(shopper.locator(".site-header__note")).to_have_text("Versandkostenfrei nach Deutschland ab 49 €")
    germany = shopper.locator("[data-zone=Deutschland]")
    expect(germany.locator("tr", has_text="DHL Paket").first).to_contain_text("4,90 €")
    assert any(o.startswith("DHL Paket – 4.90 €") for o in delivery_offers(shopper, live_server.url, shop))
    expect(shopper.locator("input[name=shipping_method]:checked")).to_have_value("zone:dhl-paket")

    staff = browser.new_context(locale="de-DE").new_page()
    log_in(staff, live_server.url, admin_user)
    staff.goto(live_server.url + "/admin/shipping_zones/")
    staff.get_by_role("link", name="Deutschland").first.click()
    staff.wait_for_url(re.compile(r"/admin/shipping_zones/edit/\d+/$"))
    staff.fill("#id_consumer_free_from", "59.00")
    dhl = ShippingRate.objects.get(zone__name="Deutschland", customer_type="consumer", carrier_product="dhl-paket")
    index = list(ShippingZone.objects.get(name="Deutschland").rates.order_by("sort_order")).index(dhl)
    staff.fill(f"#id_rates-{index}-price", "5.50")
    staff.fill(f"#id_rates-{index}-min_days", "1")
    staff.fill(f"#id_rates-{index}-max_days", "2")
    staff.get_by_role("button", name=re.compile(r"^(Speichern|Save)$")).first.click()
    staff.wait_for_url(re.compile(r"/admin/shipping_zones/$"))
    dhl.refresh_from_db()
    assert (str(dhl.price), dhl.min_days, dhl.max_days) == ("5.50", 1, 2)

    shopper.goto(live_server.url + shipping_page.url)
    expect(shopper.locator(".site-header__note")).to_have_text("Versandkostenfrei nach Deutschland ab 59 €")
    row = germany.locator("tr", has_text="DHL Paket").first
    expect(row).to_contain_text("5,50 €")
    expect(row).to_contain_text("1–2 Werktage")
    expect(germany.locator(".shipping-table__free").first).to_have_text("Versandkostenfrei ab 59,00 € Warenwert.")
    offers = delivery_offers(shopper, live_server.url, shop)
    assert any(o.startswith("DHL Paket – 5.50 € (1–2 Werktage)") for o in offers), offers
    # DHL Paket now costs more than DPD Classic (4.90 €): the cheapest home delivery is preselected.
    expect(shopper.locator("input[name=shipping_method]:checked")).to_have_value("zone:dpd-classic")
