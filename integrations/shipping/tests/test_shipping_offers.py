"""One set of shipping offers per destination and customer type, against Sendcloud's sandbox over HTTP:
each carrier product once, the zone's free-shipping threshold of the customer type on every offer, home
delivery first (prices, thresholds and delivery times: the shipping zones of the data migration)."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from commerce.cart.tests.factories import make_shop
from commerce.checkout.methods import default_offer, shipping_offers
from commerce.checkout.tests.flow import ADDRESS, add
from commerce.pricing.context import CustomerKind, PriceContext
from integrations.shipping.tests.test_checkout_methods import snapshot
from testing.providers import SENDCLOUD

B2B = PriceContext(CustomerKind.B2B, company_id=1, vat_id="DE136695976")


@pytest.fixture
def sendcloud_offers(settings, sendcloud_sandbox, db):
    cache.clear()
    settings.SENDCLOUD_BASE_URL = sendcloud_sandbox.base_url
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    settings.SENDCLOUD_SERVICE_POINTS_URL = ""
    settings.SENDCLOUD_TIMEOUT = 2.0
    yield settings
    cache.clear()


def b2b_snapshot(goods_net: str):
    net = Decimal(goods_net)
    return snapshot(context=B2B, goods_net=net, goods_gross=net, goods_net_by_rate={Decimal("19"): net})


def test_a_business_below_the_b2b_net_threshold_pays_shipping_on_every_offer(sendcloud_offers):
    # 84 € net is above the consumers' 49 € but below the businesses' 250 € net.
    offers = shipping_offers(b2b_snapshot("84.00"))

    assert [(o.name, o.net) for o in offers] == [
        ("DHL Packstation/Filiale", Decimal("3.28")),
        ("DHL Paket", Decimal("4.12")),
        ("DPD Classic", Decimal("4.12")),
    ]
    assert all(o.gross > 0 for o in offers)


def test_a_business_from_the_b2b_net_threshold_ships_free_with_every_offer(sendcloud_offers):
    offers = shipping_offers(b2b_snapshot("250.00"))

    assert sorted(o.name for o in offers) == ["DHL Packstation/Filiale", "DHL Paket", "DPD Classic"]
    assert {(o.net, o.gross) for o in offers} == {(Decimal("0.00"), Decimal("0.00"))}


def test_a_consumer_from_the_gross_threshold_ships_free_with_every_offer(sendcloud_offers):
    offers = shipping_offers(snapshot(goods_gross=Decimal("49.00"), goods_net=Decimal("41.18")))

    assert len(offers) == 3
    assert {o.gross for o in offers} == {Decimal("0.00")}


def test_a_consumer_to_austria_sees_each_carrier_product_once_with_one_price_and_delivery_time(sendcloud_offers):
    offers = shipping_offers(snapshot(country="AT", postal_code="1010"))

    assert [(o.method_code, o.name, o.gross, o.delivery_time) for o in offers] == [
        ("sendcloud:8", "DHL Paket", Decimal("9.90"), "4–6 working days"),
        ("sendcloud:9", "DPD Classic", Decimal("9.90"), "3–5 working days"),
    ]


def test_a_german_consumer_sees_dhl_paket_once(sendcloud_offers):
    offers = shipping_offers(snapshot())

    names = [o.name for o in offers]
    assert sorted(names) == ["DHL Packstation/Filiale", "DHL Paket", "DPD Classic"]
    assert [o.method_code for o in offers if o.name == "DHL Paket"] == ["sendcloud:8"]


def test_the_zones_home_deliveries_remain_when_sendcloud_is_unreachable(sendcloud_offers, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("503", path="/api/v2/shipping_methods")

    offers = shipping_offers(snapshot(country="AT", postal_code="1010"))

    assert [(o.method_code, o.name, o.gross) for o in offers] == [
        ("zone:dhl-paket", "DHL Paket", Decimal("9.90")),
        ("zone:dpd-classic", "DPD Classic", Decimal("9.90")),
    ]


def test_home_delivery_is_the_default_even_when_a_pickup_point_is_cheaper(sendcloud_offers):
    offers = shipping_offers(snapshot())

    assert offers[0].service_point_required  # the Packstation is the cheapest
    assert default_offer(offers).method_code == "sendcloud:8"


# --- the delivery step -----------------------------------------------------------------------
@pytest.fixture
def at_delivery(client, demo_site, sendcloud_offers):
    catalogue = make_shop(demo_site.root_page.specific)
    add(client, catalogue.soap)
    response = client.post("/en/checkout/address/", {"email": "erika@example.com", **ADDRESS})
    assert response.status_code == 302
    return client


def test_the_delivery_step_preselects_home_delivery_and_lists_each_carrier_product_once(at_delivery):
    html = at_delivery.get("/en/checkout/delivery/").text

    radios = re.findall(r'<input type="radio" name="shipping_method" value="([^"]+)"[^>]*?( checked)?>', html)
    assert [code for code, checked in radios if checked] == ["sendcloud:8"]
    assert sorted(code for code, _ in radios) == ["sendcloud:10", "sendcloud:8", "sendcloud:9"]
