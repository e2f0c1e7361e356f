"""The delivery step on a phone, with Sendcloud's sandbox answering: home delivery is preselected
(even where a pickup point is cheaper) and no carrier product is listed twice."""

import re

import pytest
from playwright.sync_api import expect

from catalog.tests.factories import make_category, make_product, variant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]
SLOW = 30_000
ADDRESSES = {
    "DE": {"street": "Hauptstraße 5", "postal_code": "10115", "city": "Berlin"},
    "AT": {"street": "Stephansplatz 1", "postal_code": "1010", "city": "Wien"},
}


def shipping_choices(page) -> list[tuple[str, bool, str]]:
    """(value, checked, carrier product name) of every shipping radio, as the shopper sees them."""
    return page.eval_on_selector_all(
        "main input[name=shipping_method]",
        "inputs => inputs.map(i => [i.value, i.checked, i.closest('label').textContent.split(' – ')[0].trim()])",
    )


def to_delivery_step(page, base_url: str, country: str):
    page.goto(base_url + "/checkout/")
    page.fill("[name=email]", "kundin@example.com")
    page.fill("[name=shipping-first_name]", "Erika")
    page.fill("[name=shipping-last_name]", "Muster")
    for field, value in ADDRESSES[country].items():
        page.fill(f"[name=shipping-{field}]", value)
    page.select_option("select[name=shipping-country]", country)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/delivery/"), timeout=SLOW)


def test_a_consumer_on_a_phone_gets_home_delivery_preselected_and_each_carrier_once(
    page, shop, demo_site, live_server, sendcloud_sandbox
):
    product = make_product(make_category(demo_site.root_page, "Tee"), "Rooibos", variants=[variant("12.90", stock=5)])
    page.goto(live_server.url + product.url)
    with page.expect_response(lambda response: "/cart/add/" in response.url):
        page.click("form.add-to-cart button[type=submit]")

    to_delivery_step(page, live_server.url, "DE")

    choices = shipping_choices(page)
    names = [name for _, _, name in choices]
    assert sorted(names) == ["DHL Packstation/Filiale", "DHL Paket", "DPD Classic"]
    assert [(value, name) for value, checked, name in choices if checked] == [("sendcloud:8", "DHL Paket")]
    expect(page.locator("main input[name=shipping_method][value='sendcloud:8']")).to_be_checked()

    to_delivery_step(page, live_server.url, "AT")

    choices = shipping_choices(page)
    assert sorted(name for _, _, name in choices) == ["DHL Paket", "DPD Classic"]
    [label] = [t for t in page.locator("main label").all_inner_texts() if t.strip().startswith("DHL Paket")]
    assert "9,90" in label or "9.90" in label
    assert [value for value, checked, _ in choices if checked] == ["sendcloud:8"]
    assert page.console_errors == []
