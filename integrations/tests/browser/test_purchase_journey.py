"""Issue 5 in real Chromium: pay on Vendo's hosted page (sandbox), return, confirmation; staff see the
label and tracking number; Sendcloud's sandbox reports "delivered" and the order follows."""

import re

import pytest
from django.test import Client

from catalog.tests.factories import make_category, make_product, variant
from commerce.orders.models import Order, OrderStatus
from integrations.shipping.models import Shipment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_shopper_pays_on_the_hosted_page_and_the_order_ships_and_is_delivered(
    page, shop, demo_site, live_server, sendcloud_sandbox, admin_user
):
    product = make_product(make_category(demo_site.root_page, "Tee"), "Rooibos", variants=[variant("12.90", stock=5)])

    page.goto(live_server.url + product.url)
    page.click("form.add-to-cart button[type=submit]")
    page.wait_for_timeout(500)
    page.goto(live_server.url + "/checkout/")
    page.fill("[name=email]", "kundin@example.com")
    for field, value in {
        "first_name": "Erika",
        "last_name": "Muster",
        "street": "Hauptstraße 5",
        "postal_code": "10115",
        "city": "Berlin",
    }.items():
        page.fill(f"[name=shipping-{field}]", value)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/delivery/"))
    page.locator("main input[name=shipping_method][value=flat-dhl]").check()
    page.locator("main input[name=payment_method][value=vendo]").check()
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/review/"))
    page.check("input[name=accept_terms]")
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()

    # Vendo's hosted page (the sandbox on its own loopback port) — the shopper pays.
    page.wait_for_timeout(2000)
    page.wait_for_url(re.compile(r"/v/signup"))
    page.get_by_role("button", name=re.compile("Pay")).click()
    page.wait_for_url(re.compile(r"/order/[0-9a-f-]+/confirmation/"), timeout=30000)
    assert "Vielen Dank" in page.locator("h1").inner_text()

    order = Order.objects.get()
    assert order.status in {OrderStatus.PAID, OrderStatus.PROCESSING}
    shipment = Shipment.objects.get(order=order)
    assert shipment.tracking_number
    assert shipment.label

    staff = Client()
    staff.force_login(admin_user)
    staff_page = staff.get(f"/admin/order-payments/{order.pk}/").content.decode()
    assert shipment.tracking_number in staff_page

    [parcel_id] = sendcloud_sandbox.parcels
    sendcloud_sandbox.advance(parcel_id, 3)  # en route
    sendcloud_sandbox.advance(parcel_id, 11)  # delivered

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    page.goto(f"{live_server.url}/order/{order.uuid}/confirmation/")
    assert page.console_errors == []
