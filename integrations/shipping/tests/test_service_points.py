"""Pickup-point delivery: search points on Sendcloud's sandbox (real HTTP), choose one at checkout
without JavaScript, see it on review and confirmation, and send it with the parcel."""

import re

import pytest
from django.core.cache import cache

from commerce.cart.tests.factories import make_shop
from commerce.checkout.tests.flow import ADDRESS, add, place, token_of
from commerce.orders.models import Order
from integrations.errors import ProviderAuthenticationFailed
from integrations.shipping.base import ServicePointRequest
from integrations.shipping.sendcloud.client import SendcloudClient
from integrations.shipping.services import create_parcel
from testing.providers import SENDCLOUD

PICKUP = "sendcloud:10"  # "DHL Packstation/Filiale": Sendcloud method 10 requires a service point
EN = "/en"


def test_client_finds_active_points_of_the_carrier_near_a_postal_code(sendcloud, sendcloud_sandbox):
    points = sendcloud.service_points(ServicePointRequest(country="DE", postal_code="10115", carriers=("dhl",)))

    assert [(p.id, p.carrier, p.postal_code) for p in points] == [
        ("101151", "dhl", "10115"),
        ("101152", "dhl", "10115"),
        ("101153", "dhl", "10115"),
    ]
    assert points[1].name == "DHL Paketshop Kiosk am Markt"
    [request] = [r for r in sendcloud_sandbox.requests if r["path"].endswith("/service-points")]
    assert request["path"] == "/servicepoints/api/v2/service-points"


def test_client_service_points_need_valid_credentials(sendcloud_sandbox):
    client = SendcloudClient(base_url=sendcloud_sandbox.base_url, public_key="wrong", secret_key="wrong", timeout=1.0)

    with pytest.raises(ProviderAuthenticationFailed):
        client.service_points(ServicePointRequest(country="DE", postal_code="10115"))


def test_production_service_point_host_is_sendclouds_own():
    client = SendcloudClient(base_url="https://panel.sendcloud.sc/api/v2", public_key="k", secret_key="s")

    assert client.service_points_url == "https://servicepoints.sendcloud.sc/api/v2"


# --- checkout ---------------------------------------------------------------------------------
@pytest.fixture
def catalogue(demo_site, settings, sendcloud_sandbox):
    settings.SENDCLOUD_BASE_URL = sendcloud_sandbox.base_url
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    settings.SENDCLOUD_SERVICE_POINTS_URL = ""
    settings.SENDCLOUD_TIMEOUT = 2.0
    cache.clear()
    yield make_shop(demo_site.root_page.specific)
    cache.clear()


@pytest.fixture
def at_delivery(client, catalogue):
    add(client, catalogue.soap)
    response = client.post(f"{EN}/checkout/address/", {"email": "erika@example.com", **ADDRESS})
    assert response.status_code == 302
    return client


def delivery(client, **data):
    return client.post(f"{EN}/checkout/delivery/", {"shipping_method": PICKUP, "payment_method": "prepayment", **data})


def point_ids(response) -> list[str]:
    return re.findall(r'name="service_point" value="(\d+)"', response.text)


def test_delivery_step_lists_pickup_points_near_the_shipping_address(at_delivery):
    response = at_delivery.get(f"{EN}/checkout/delivery/")

    assert response.status_code == 200
    assert f'value="{PICKUP}"' in response.text
    assert point_ids(response) == ["101151", "101152", "101153"]  # DHL only: method 10 is DHL's
    assert "DHL Paketshop Kiosk am Markt, Marktplatz 3, 10115 Berlin" in response.text


def test_searching_another_postal_code_needs_no_javascript(at_delivery):
    response = delivery(at_delivery, pickup_postal_code="20095", pickup_search="1")

    assert response.status_code == 200
    assert point_ids(response) == ["200951", "200952", "200953"]
    assert 'name="pickup_postal_code" value="20095"' in response.text
    assert "Please choose a pickup point." not in response.text


def test_a_pickup_method_requires_a_point(at_delivery):
    response = delivery(at_delivery)

    assert response.status_code == 400
    assert "Please choose a pickup point." in response.text
    assert at_delivery.get(f"{EN}/checkout/review/").status_code == 302


def test_a_point_not_found_by_the_search_is_refused(at_delivery):
    response = delivery(at_delivery, pickup_postal_code="10115", service_point="999991")

    assert response.status_code == 400
    assert point_ids(response) == ["101151", "101152", "101153"]


def test_home_delivery_ignores_a_posted_point(at_delivery):
    response = delivery(at_delivery, shipping_method="sendcloud:8", service_point="101151")
    assert response.status_code == 302

    at_delivery.get(f"{EN}/checkout/review/")
    token = token_of(at_delivery.get(f"{EN}/checkout/review/"))
    place(at_delivery, token)

    assert Order.objects.get().service_point_id == ""


def test_the_chosen_point_is_reviewed_confirmed_stored_and_sent_with_the_parcel(at_delivery, sendcloud_sandbox):
    label = "DHL Paketshop Kiosk am Markt, Marktplatz 3, 20095 Musterstadt"
    response = delivery(at_delivery, pickup_postal_code="20095", service_point="200952")
    assert response.status_code == 302

    review = at_delivery.get(f"{EN}/checkout/review/")
    assert label in review.text
    placed = place(at_delivery, token_of(review))

    order = Order.objects.get()
    assert (order.shipping_method_code, order.service_point_id, order.service_point_label) == (PICKUP, "200952", label)
    assert label in at_delivery.get(placed["Location"]).text
    create_parcel(order.pk)
    [parcel] = sendcloud_sandbox.parcels.values()
    assert (parcel["to_service_point"], parcel["shipment"]["id"]) == (200952, 10)


def test_sendcloud_down_shows_a_message_and_keeps_home_delivery(at_delivery, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("503", count=5, path="/servicepoints/api/v2/service-points")

    response = at_delivery.get(f"{EN}/checkout/delivery/")

    assert response.status_code == 200
    assert "Pickup points cannot be loaded right now. Please try again." in response.text
    assert 'value="sendcloud:8"' in response.text  # DHL Paket to the door
