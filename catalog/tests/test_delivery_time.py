"""Delivery time before checkout: one rule (catalog.availability.delivery_time) for the product page and the
cart, from the default home delivery's days plus a backorder lead time; sold-out sizes cannot be added."""

import json
import re
from html.parser import HTMLParser

from django.test import Client
from django.utils import translation

from catalog.availability import delivery_time as variant_delivery_time
from catalog.models import ProductPage
from catalog.tests.factories import make_product, variant
from commerce.cart.models import Cart, CartLine
from commerce.cart.tests.factories import SAME_ORIGIN

HOME_DELIVERY_DAYS = (2, 3)  # the home delivery the checkout preselects in Germany (the shipping zones' DHL Paket)


def delivery_time(variant):
    return variant_delivery_time(variant, HOME_DELIVERY_DAYS)


def sizes(product):
    return {v.sku: v for v in product.variants.all()}


# --- The rule ---------------------------------------------------------------------------


def test_in_stock_takes_the_default_home_delivery_time(ringelblume):
    time = delivery_time(sizes(ringelblume)["RB-50"])

    assert (time.state, time.min_days, time.max_days, time.orderable) == ("in_stock", 2, 3, True)
    with translation.override("de"):
        assert time.label == "Lieferzeit: 2–3 Werktage"
    with translation.override("en"):
        assert time.label == "Delivery time: 2–3 working days"


def test_backorder_adds_the_variants_lead_time_to_the_shipping_days(ringelblume):
    time = delivery_time(sizes(ringelblume)["RB-100"])

    assert (time.state, time.min_days, time.max_days, time.orderable) == ("backorder", 10, 11, True)
    with translation.override("de"):
        assert time.label == "Lieferbar auf Bestellung – Lieferzeit ca. 10–11 Werktage"
    with translation.override("en"):
        assert time.label == "Available to order – delivery time approx. 10–11 working days"


def test_sold_out_without_backorder_is_not_orderable(ringelblume):
    time = delivery_time(sizes(ringelblume)["RB-200"])

    assert (time.state, time.orderable) == ("sold_out", False)
    with translation.override("de"):
        assert time.label == "Ausverkauft"


def test_without_home_delivery_only_the_state_is_told(ringelblume):
    time = variant_delivery_time(sizes(ringelblume)["RB-50"], None)

    assert (time.state, time.orderable, time.label) == ("in_stock", True, "")


# --- Product page -----------------------------------------------------------------------


class Offers(HTMLParser):
    """Text per `.product__offer` block (by variant pk), the size radios and the add button's state."""

    def __init__(self):
        super().__init__()
        self.offers: dict[str, str] = {}
        self.radios: dict[str, dict] = {}
        self.buttons: list[dict] = []
        self.sold_out_state = False
        self._offer = None
        self._depth = 0
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-variant-offer" in attrs:
            self._offer, self._depth = attrs["data-variant-offer"], 0
            self.offers[self._offer] = ""
        elif self._offer and tag == "div":
            self._depth += 1
        if tag == "input" and attrs.get("name") == "variant" and attrs.get("type") == "radio":
            self.radios[attrs["value"]] = attrs
        if tag == "button" and "data-add-button" in attrs:
            self._button = {**attrs, "text": ""}
            self.buttons.append(self._button)
        if "data-sold-out-state" in attrs:
            self.sold_out_state = True

    def handle_endtag(self, tag):
        if self._offer and tag == "div":
            if self._depth == 0:
                self._offer = None
            else:
                self._depth -= 1
        if tag == "button":
            self._button = None

    def handle_data(self, data):
        if self._offer:
            self.offers[self._offer] += data
        if self._button is not None:
            self._button["text"] += data.strip()


def offers_of(html):
    parser = Offers()
    parser.feed(html)
    return parser


def test_the_product_page_shows_the_delivery_time_in_each_size_offer(client, ringelblume):
    size = sizes(ringelblume)

    page = offers_of(client.get(ringelblume.url).content.decode())

    assert "Lieferzeit: 2–3 Werktage" in page.offers[str(size["RB-50"].pk)]
    assert "Auf Lager" in page.offers[str(size["RB-50"].pk)]
    assert "Lieferbar auf Bestellung – Lieferzeit ca. 10–11 Werktage" in page.offers[str(size["RB-100"].pk)]
    assert "Ausverkauft" in page.offers[str(size["RB-200"].pk)]
    assert "Lieferzeit" not in page.offers[str(size["RB-200"].pk)]


def test_the_english_product_page_shows_the_delivery_time_in_english(ringelblume, locale_en):
    english = ringelblume.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Calendula balm"
    english.save_revision().publish()
    english = ProductPage.objects.get(pk=english.pk)
    size = sizes(ringelblume)

    page = offers_of(Client().get(english.url).content.decode())

    assert "Delivery time: 2–3 working days" in page.offers[str(size["RB-50"].pk)]
    assert "Available to order – delivery time approx. 10–11 working days" in page.offers[str(size["RB-100"].pk)]
    assert "Sold out" in page.offers[str(size["RB-200"].pk)]


def test_a_sold_out_size_cannot_be_chosen_without_javascript(client, ringelblume):
    size = sizes(ringelblume)

    page = offers_of(client.get(ringelblume.url).content.decode())

    assert "disabled" in page.radios[str(size["RB-200"].pk)]
    assert "data-sold-out" in page.radios[str(size["RB-200"].pk)]
    assert "disabled" not in page.radios[str(size["RB-50"].pk)]
    assert "disabled" not in page.radios[str(size["RB-100"].pk)]  # backorder can be ordered
    [button] = page.buttons
    assert "disabled" not in button and button["text"] == "In den Warenkorb"


def test_linking_a_sold_out_size_shows_a_disabled_sold_out_button(client, ringelblume):
    page = offers_of(client.get(ringelblume.url + "?variant=RB-200").content.decode())

    [button] = page.buttons
    assert "disabled" in button and button["text"] == "Ausverkauft"
    assert button["data-label-add"] == "In den Warenkorb"


def test_without_a_size_asked_for_the_first_orderable_size_is_chosen(client, home_de):
    product = make_product(
        home_de, "Kamillenöl", variants=[variant("5.90", sku="KO-1", stock=0), variant("9.90", sku="KO-2")]
    )
    first, second = product.variants.order_by("retail_price")

    page = offers_of(client.get(product.url).content.decode())

    assert "checked" in page.radios[str(second.pk)] and "checked" not in page.radios[str(first.pk)]
    [button] = page.buttons
    assert "disabled" not in button


def test_a_sold_out_product_with_one_size_shows_no_add_button(client, home_de):
    product = make_product(home_de, "Rosenwasser", variants=[variant("8.90", sku="RW-1", stock=0)])

    html = client.get(product.url).content.decode()
    page = offers_of(html)

    assert page.buttons == []
    assert "In den Warenkorb" not in html.split("<main", 1)[1]
    assert page.sold_out_state


def test_posting_a_sold_out_size_is_refused_with_a_message(client, ringelblume):
    sold_out = sizes(ringelblume)["RB-200"]

    response = client.post(
        "/cart/add/", {"variant": sold_out.pk, "quantity": "1"}, HTTP_ACCEPT="application/json", **SAME_ORIGIN
    )

    assert response.status_code == 400
    assert json.loads(response.content)["message"] == "Dieser Artikel ist ausverkauft."
    assert not CartLine.objects.exists() and not Cart.objects.exists()


# --- Cart -------------------------------------------------------------------------------


def test_the_cart_shows_the_delivery_time_per_line(ringelblume):
    size = sizes(ringelblume)
    client = Client()
    for sku in ("RB-50", "RB-100"):
        response = client.post("/cart/add/", {"variant": size[sku].pk, "quantity": "1"}, **SAME_ORIGIN)
        assert response.status_code in (200, 302)

    html = client.get("/cart/").content.decode()
    delivery = re.findall(r'<p class="cart-line__delivery">([^<]*)</p>', html)
    assert delivery == ["Lieferzeit: 2–3 Werktage", "Lieferbar auf Bestellung – Lieferzeit ca. 10–11 Werktage"]


def test_a_size_selling_out_refreshes_the_cached_product_page(ringelblume, django_capture_on_commit_callbacks):
    from catalog.stock import set_stock_level

    in_stock = sizes(ringelblume)["RB-50"]
    client = Client()
    client.get(ringelblume.url)
    assert client.get(ringelblume.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        set_stock_level(in_stock, 0, reason="counted")

    response = client.get(ringelblume.url)
    page = offers_of(response.content.decode())
    assert response["X-Page-Cache"] == "miss"
    assert "Ausverkauft" in page.offers[str(in_stock.pk)]
    assert "disabled" in page.radios[str(in_stock.pk)]


def test_editors_set_the_backorder_lead_time_in_the_variant_panel(admin_client, ringelblume):
    from catalog.tests.test_admin import product_form_data

    backorder = sizes(ringelblume)["RB-100"]
    html = admin_client.get(f"/admin/pages/{ringelblume.pk}/edit/").content.decode()
    assert 'name="variants-1-backorder_lead_days"' in html

    rows = [
        {"sku": v.sku, "retail_price": str(v.retail_price), "id": v.pk, "stock_quantity": str(v.stock_quantity)}
        for v in ringelblume.variants.order_by("sort_order")
    ]
    rows[1]["backorder_lead_days"] = "3"
    data = product_form_data(title=ringelblume.title, slug=ringelblume.slug, variants=rows, initial_variants=3)
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/{ringelblume.pk}/edit/", data)

    assert response.status_code == 302
    backorder.refresh_from_db()
    assert backorder.backorder_lead_days == 3
