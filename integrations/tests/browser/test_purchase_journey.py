"""The purchase journey in real Chromium: pay on Vendo's hosted page (sandbox), wait for the late postback (the return
page polls the private status endpoint), confirmation; staff see the order paid with label and tracking
number; Sendcloud's sandbox reports "delivered" and the order follows.

Both sandboxes run as real HTTP servers on loopback ports and call back into `live_server`
(the `shop` fixture points VENDO_BASE_URL / SENDCLOUD_BASE_URL and the callback URLs there).
"""

import re

import pytest
import requests
from playwright.sync_api import expect

from catalog.tests.factories import make_category, make_product, variant
from commerce.orders.models import Order, OrderStatus
from integrations.shipping.models import Shipment, ShipmentStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(300),
    pytest.mark.django_db(transaction=True),
]

ADDRESS = {
    "first_name": "Erika",
    "last_name": "Muster",
    "street": "Hauptstraße 5",
    "postal_code": "10115",
    "city": "Berlin",
}
SLOW = 30_000  # ms: two processes of the shop and two sandboxes share a busy machine


def test_a_shopper_pays_on_the_hosted_page_and_the_order_ships_and_is_delivered(
    page, desktop_page, shop, demo_site, live_server, vendo_sandbox, sendcloud_sandbox, admin_user
):
    product = make_product(make_category(demo_site.root_page, "Tee"), "Rooibos", variants=[variant("12.90", stock=5)])

    # The shopper: cart → address → delivery with online payment → review → place.
    page.goto(live_server.url + product.url)
    with page.expect_response(lambda response: "/cart/add/" in response.url):
        page.click("form.add-to-cart button[type=submit]")
    page.goto(live_server.url + "/checkout/")
    page.fill("[name=email]", "kundin@example.com")
    for field, value in ADDRESS.items():
        page.fill(f"[name=shipping-{field}]", value)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/delivery/"))
    page.locator("main input[name=shipping_method][value='sendcloud:8']").check()  # DHL Paket via Sendcloud
    page.locator("main input[name=payment_method][value=vendo]").check()
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/review/"))
    page.check("input[name=accept_terms]")
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()

    # Vendo's hosted page (the sandbox on its own port): pay. Vendo's postback is late this time
    # (its first attempt fails), so the shopper returns to "payment being confirmed" ...
    page.wait_for_url(re.compile(r"/v/signup"), timeout=SLOW)
    postback_url = vendo_sandbox.postback_url
    vendo_sandbox.postback_url, vendo_sandbox.postback_attempts = "http://127.0.0.1:9/unreachable/", 1
    page.get_by_role("button", name="Pay (success)").click()
    page.wait_for_url(re.compile(r"/payment/[0-9a-f-]+/return/success/"), timeout=SLOW)
    expect(page.locator("h1")).to_have_text("Zahlung wird bestätigt")
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT

    # ... and the page, polling the private status endpoint, moves on once the postback arrives.
    vendo_sandbox.postback_url = postback_url
    [transaction_id] = vendo_sandbox.transactions
    [delivery] = vendo_sandbox.send_postback(transaction_id)
    assert delivery["status"] == 200
    page.wait_for_url(re.compile(r"/order/[0-9a-f-]+/confirmation/"), timeout=SLOW)
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Bestellung")
    expect(page.locator("main")).to_contain_text("Ihre Zahlung ist eingegangen")

    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.payment_method == "vendo"
    shipment = Shipment.objects.get(order=order)
    assert shipment.status == ShipmentStatus.LABEL_CREATED
    assert shipment.tracking_number
    assert shipment.label.read().startswith(b"%PDF")

    # Staff, in the German Wagtail admin: the order is paid, with label and tracking number.
    admin_user.set_password("staff-password-1")
    admin_user.save()
    staff = desktop_page
    staff.goto(live_server.url + "/admin/login/")
    staff.fill("input[name=username]", admin_user.username)
    staff.fill("input[name=password]", "staff-password-1")
    staff.click("button[type=submit]")
    staff.wait_for_url(re.compile(r"/admin/$"), timeout=SLOW)
    staff.goto(f"{live_server.url}/admin/order-payments/{order.pk}/")
    content = staff.locator("main")
    expect(content).to_contain_text("Bezahlt")
    expect(content).to_contain_text("Sendungen")
    expect(content.get_by_role("link", name=shipment.tracking_number)).to_be_visible()
    expect(content.get_by_role("link", name="Etikett (PDF)")).to_be_visible()

    # Sendcloud's sandbox moves the parcel on and delivers signed webhooks to the shop.
    control = f"{sendcloud_sandbox.base_url}/_control/parcels/{shipment.provider_parcel_id}/status"
    for status_id in (3, 11):  # en route, delivered
        assert requests.post(control, json={"status_id": status_id}, timeout=10).status_code == 200

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    staff.reload()
    expect(staff.locator("main")).to_contain_text("Zugestellt")
    assert page.console_errors == []
