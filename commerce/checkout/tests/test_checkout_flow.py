"""Checkout over HTTP: guest prepayment, idempotency, tampering, changed carts, B2B invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from catalog.models import ProductVariant
from commerce.cart.models import CartLine
from commerce.cart.tests.factories import make_code
from commerce.companies.models import CompanyMembership, PaymentTerms
from commerce.customers.services import create_address
from commerce.orders.models import Order, OrderStatus
from commerce.orders.tests.factories import make_variant, order_for
from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user
from commerce.promotions.models import PromoCode, PromoCodeUsage

from .flow import ADDRESS, add, place, to_review


def test_guest_buys_with_a_promo_code_and_prepayment(client, shop):
    make_code("SOMMER10", value="10")
    add(client, shop.soap, 2)  # 23.80
    client.post("/cart/promo/", {"code": "sommer10"})
    _review, token = to_review(client)

    response = place(client, token)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/order/{order.uuid}/confirmation/"
    assert (order.status, order.payment_method, order.email) == (
        OrderStatus.PENDING_PAYMENT,
        "prepayment",
        "erika@example.com",
    )
    assert (order.discount_gross, order.shipping_gross, order.total_gross) == (
        Decimal("2.38"),
        Decimal("4.90"),
        Decimal("26.32"),
    )
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 18
    assert not CartLine.objects.exists()
    assert PromoCode.objects.get().times_used == 1
    assert PromoCodeUsage.objects.get().order == order
    assert client.session["placed_orders"] == [str(order.uuid)]
    confirmation = client.get(response["Location"])
    assert order.number in confirmation.content.decode()
    assert "DE02 1203 0000 0000 2020 51" in confirmation.content.decode()


def test_placing_a_prepayment_order_sends_one_confirmation_with_the_bank_details(
    client, shop, mailoutbox, django_capture_on_commit_callbacks
):
    add(client, shop.soap, 1)
    _review, token = to_review(client)

    with django_capture_on_commit_callbacks(execute=True):
        place(client, token)
    with django_capture_on_commit_callbacks(execute=True):
        place(client, token)  # a double click: still one email

    order = Order.objects.get()
    assert [mail.to for mail in mailoutbox] == [["erika@example.com"]]
    assert order.number in mailoutbox[0].subject
    assert "DE02 1203 0000 0000 2020 51" in mailoutbox[0].body


def test_review_page_shows_the_legal_information_and_the_order_button(client, shop):
    add(client, shop.soap, 1)

    review, _token = to_review(client)

    html = review.content.decode()
    assert ">Zahlungspflichtig bestellen</button>" in html
    assert "2–3 working days" in html or "2–3 Werktage" in html
    assert 'name="accept_terms"' in html
    assert "16,80 €" in html  # total 11.90 + 4.90
    assert "19 %" in html


def test_english_review_page_says_place_order_with_obligation_to_pay(client, shop):
    add(client, shop.soap, 1)

    review, _token = to_review(client, prefix="/en")

    assert ">Place order with obligation to pay</button>" in review.content.decode()


def test_review_links_the_withdrawal_page_when_it_exists(client, shop):
    from content.models import StandardPage

    shop.home.add_child(instance=StandardPage(title="Widerrufsbelehrung", slug="widerrufsbelehrung"))
    add(client, shop.soap, 1)

    review, _token = to_review(client)

    assert 'href="/widerrufsbelehrung/"' in review.content.decode()


def test_double_submit_places_one_order(client, shop):
    add(client, shop.soap, 1)
    _review, token = to_review(client)

    first = place(client, token)
    second = place(client, token)

    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 19


def test_terms_must_be_accepted(client, shop):
    add(client, shop.soap, 1)
    _review, token = to_review(client)

    response = client.post("/checkout/place/", {"token": token})

    assert response.status_code == 400
    assert "Bitte akzeptieren Sie die AGB, um Ihre Bestellung aufzugeben." in response.content.decode()
    assert not Order.objects.exists()


def test_tampered_hidden_fields_are_ignored(client, shop):
    other = ProductVariant.objects.create(
        product=shop.seife, sku="HIDDEN", size_label="1 kg", net_quantity=1000, retail_price=Decimal("99"), active=False
    )
    add(client, shop.soap, 1)
    _review, token = to_review(client)

    place(client, token, price="0.01", unit_gross="0.01", total="0.01", variant=str(other.pk), quantity="99")

    order = Order.objects.get()
    assert order.total_gross == Decimal("16.80")
    assert list(order.lines.values_list("variant_id", "quantity", "unit_gross")) == [
        (shop.soap.pk, 1, Decimal("11.90"))
    ]


def test_forged_token_places_nothing(client, shop):
    add(client, shop.soap, 1)
    to_review(client)

    response = place(client, "forged-token")

    assert not Order.objects.exists()
    assert response["Location"] == "/checkout/review/"


def test_price_change_after_review_sends_back_to_the_cart(client, shop):
    add(client, shop.soap, 1)
    _review, token = to_review(client)
    ProductVariant.objects.filter(pk=shop.soap.pk).update(retail_price=Decimal("13.90"))

    response = place(client, token)

    assert response["Location"] == "/cart/"
    assert not Order.objects.exists()
    assert "Ihr Warenkorb hat sich seit der Prüfung geändert" in client.get("/cart/").content.decode()


def test_stock_gone_after_review_sends_back_to_the_cart(client, shop):
    add(client, shop.soap, 2)
    _review, token = to_review(client)
    ProductVariant.objects.filter(pk=shop.soap.pk).update(stock_quantity=1)

    response = place(client, token)

    assert response["Location"] == "/cart/"
    assert not Order.objects.exists()
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 1


def test_emptied_cart_cannot_be_placed(client, shop):
    add(client, shop.soap, 1)
    _review, token = to_review(client)
    CartLine.objects.all().delete()

    response = place(client, token)

    assert response["Location"] == "/cart/"
    assert not Order.objects.exists()


def test_exhausted_promo_code_at_placement_places_nothing(client, shop):
    code = make_code("ONCE", usage_limit=1)
    add(client, shop.soap, 1)
    client.post("/cart/promo/", {"code": "ONCE"})
    _review, token = to_review(client)
    PromoCode.objects.filter(pk=code.pk).update(times_used=1)

    response = place(client, token)

    assert response["Location"] == "/cart/"
    assert not Order.objects.exists()
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 20


def test_another_customers_address_id_is_rejected(client, shop):
    stranger = make_user("stranger")
    foreign = create_address(
        stranger, first_name="X", last_name="Y", street="Weg 2", postal_code="80331", city="München", country="DE"
    )
    me = make_user("erika")
    client.force_login(me)
    add(client, shop.soap, 1)

    response = client.post(
        "/checkout/address/", {"email": "erika@example.com", "shipping-saved": str(foreign.pk), "billing_same": "on"}
    )

    assert response.status_code == 400
    assert "checkout" not in client.session


def test_own_address_book_entry_is_used(client, shop):
    me = make_user("erika")
    mine = create_address(
        me, first_name="Erika", last_name="Muster", street="Weg 2", postal_code="80331", city="München", country="DE"
    )
    client.force_login(me)
    add(client, shop.soap, 1)

    _review, token = to_review(client, address={"shipping-saved": str(mine.pk), "billing_same": "on"})
    place(client, token)

    assert Order.objects.get().shipping_city == "München"


def _b2b_buyer(client, shop, credit_limit: str):
    price_list = make_price_list()
    add_entry(price_list, shop.soap, {1: "8.00"})
    buyer = make_user("einkauf")
    company = make_company(price_list=price_list, buyer=buyer)
    company.payment_terms = PaymentTerms.INVOICE_NET_30
    company.credit_limit = Decimal(credit_limit)
    company.save()
    client.force_login(buyer)
    return company


def test_b2b_buyer_orders_on_invoice_within_the_credit_limit(client, shop):
    _b2b_buyer(client, shop, "500.00")
    add(client, shop.soap, 10)  # 80.00 net + 15.20 VAT

    _review, token = to_review(client, email="einkauf@example.com", payment="invoice")
    place(client, token)

    order = Order.objects.get()
    assert (order.payment_method, order.status, order.customer_kind) == ("invoice", OrderStatus.PROCESSING, "b2b")
    assert order.subtotal_net == Decimal("80.00")
    assert order.company_name == "Bioladen Sonnenschein GmbH"


def test_b2b_invoice_is_refused_above_the_credit_limit(client, shop):
    _b2b_buyer(client, shop, "50.00")
    add(client, shop.soap, 10)
    client.post("/checkout/address/", {"email": "einkauf@example.com", **ADDRESS})

    response = client.post("/checkout/delivery/", {"shipping_method": "flat-dhl", "payment_method": "invoice"})

    assert response.status_code == 400
    assert 'value="invoice"' not in response.content.decode()
    assert not Order.objects.exists()


def test_open_invoices_count_against_the_credit_limit(client, shop):
    _b2b_buyer(client, shop, "180.00")
    add(client, shop.soap, 10)
    _review, token = to_review(client, email="einkauf@example.com", payment="invoice")
    place(client, token)  # 100.10 € open: 79.90 € left for 95.20 € of goods
    add(client, shop.soap, 10)
    client.post("/checkout/address/", {"email": "einkauf@example.com", **ADDRESS})

    response = client.post("/checkout/delivery/", {"shipping_method": "flat-dhl", "payment_method": "invoice"})

    assert response.status_code == 400
    assert Order.objects.count() == 1


@pytest.mark.parametrize("url", ["/checkout/address/", "/checkout/delivery/", "/checkout/review/"])
def test_checkout_with_an_empty_cart_goes_to_the_cart(client, shop, url):
    response = client.get(url)

    assert response["Location"] == "/cart/"


def test_b2b_order_is_linked_to_the_buyers_company(client, shop):
    company = _b2b_buyer(client, shop, "500.00")
    add(client, shop.soap, 1)

    _review, token = to_review(client, email="einkauf@example.com", payment="invoice")
    place(client, token)

    order = Order.objects.get()
    assert (order.company, order.company_name, order.company_vat_id) == (company, company.name, company.vat_id)


def test_invoice_refused_at_placement_names_the_credit_limit_and_keeps_the_cart(client, shop):
    company = _b2b_buyer(client, shop, "100.00")
    add(client, shop.soap, 10)  # 95.20 € of goods + 4.90 € shipping = 100.10 €, 10 cents too much
    _review, token = to_review(client, email="einkauf@example.com", payment="invoice")

    response = place(client, token)

    assert response["Location"] == "/checkout/delivery/"
    assert not Order.objects.exists()
    assert CartLine.objects.get(cart__user__company_membership__company=company).quantity == 10
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 20
    page = client.get("/checkout/delivery/").content.decode()
    assert "übersteigt das verfügbare Kreditlimit Ihrer Firma (100,00 €)" in page


def test_invoice_used_up_by_a_colleague_after_review_names_the_credit_limit(client, shop):
    company = _b2b_buyer(client, shop, "150.00")
    add(client, shop.soap, 10)
    _review, token = to_review(client, email="einkauf@example.com", payment="invoice")
    colleague = make_user("kollegin")
    CompanyMembership.objects.create(user=colleague, company=company)
    order_for(make_variant(price="100.00"), payment_method="invoice", user=colleague, company=company)

    response = place(client, token)

    assert response["Location"] == "/checkout/delivery/"
    assert Order.objects.count() == 1
    assert CartLine.objects.get(cart__user__company_membership__company=company, cart__user__username="einkauf")
    assert "übersteigt das verfügbare Kreditlimit" in client.get("/checkout/delivery/").content.decode()


def test_second_session_of_the_same_customer_is_shown_the_order_the_first_placed(client, shop):
    customer = make_user("erika")
    other_session = Client()
    for session in (client, other_session):
        session.force_login(customer)
    add(client, shop.soap, 2)
    _review, first_token = to_review(client)
    _review, second_token = to_review(other_session)
    first = place(client, first_token)

    second = place(other_session, second_token)

    order = Order.objects.get()
    assert first["Location"] == second["Location"] == f"/order/{order.uuid}/confirmation/"
    assert ProductVariant.objects.get(pk=shop.soap.pk).stock_quantity == 18
    page = other_session.get(second["Location"]).content.decode()
    assert f"Dieser Warenkorb wurde bereits bestellt (Bestellung {order.number})" in page


def test_a_new_cart_after_an_order_can_be_ordered_again(client, shop):
    client.force_login(make_user("erika"))
    add(client, shop.soap, 1)
    place(client, to_review(client)[1])
    add(client, shop.soap, 1)

    response = place(client, to_review(client)[1])

    assert Order.objects.count() == 2
    assert response["Location"] == f"/order/{Order.objects.latest('pk').uuid}/confirmation/"
