"""Choosing a size on the product page: the add-to-cart form posts the size chosen; every offer is in the page."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client

from catalog.tests.factories import make_category, make_product, variant
from commerce.cart.models import CartLine


@pytest.fixture
def lavendel(home_de):
    return make_product(
        make_category(home_de, "Körperpflege"),
        "Lavendelöl",
        variants=[
            variant("12.99", net_quantity="200", net_unit="ml", sku="LAV-200", stock=30),
            variant("28.49", net_quantity="500", net_unit="ml", sku="LAV-500", stock=2),
        ],
    )


class AddToCartForm(HTMLParser):
    """The add-to-cart form as a browser without JavaScript sees it: its action and its fields."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.inside = False
        self.radios: dict[str, str] = {}  # label text -> value
        self.hidden: dict[str, str] = {}
        self.checked = None
        self._radio = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-add-to-cart" in attrs:
            self.inside, self.action = True, attrs["action"]
        elif self.inside and tag == "input":
            if attrs.get("type") == "radio" and attrs.get("name") == "variant":
                self._radio = attrs["value"]
                if "checked" in attrs:
                    self.checked = attrs["value"]
            elif attrs.get("type") == "hidden":
                self.hidden[attrs["name"]] = attrs["value"]

    def handle_data(self, data):
        if self._radio is not None and data.strip():
            self.radios[data.strip()] = self._radio
            self._radio = None

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def add_to_cart_form(html: str) -> AddToCartForm:
    form = AddToCartForm()
    form.feed(html)
    assert form.action, "no add-to-cart form"
    return form


def test_the_size_radios_belong_to_the_add_to_cart_form(client, lavendel):
    form = add_to_cart_form(client.get(lavendel.url).content.decode())

    sizes = {v.sku: str(v.pk) for v in lavendel.variants.all()}
    assert form.radios == {"200 ml – 12,99\xa0€": sizes["LAV-200"], "500 ml – 28,49\xa0€": sizes["LAV-500"]}
    assert form.checked == sizes["LAV-200"]
    assert "variant" not in form.hidden  # no second, fixed variant field that would win


def test_without_javascript_posting_the_chosen_size_adds_that_size(lavendel):
    client = Client()
    html = client.get(lavendel.url).content.decode()
    form = add_to_cart_form(html)

    response = client.post(
        form.action,
        {**form.hidden, "variant": form.radios["500 ml – 28,49\xa0€"], "quantity": "1"},
        HTTP_REFERER="http://testserver" + lavendel.url,
    )

    assert response.status_code == 302
    [line] = CartLine.objects.select_related("variant")
    assert (line.variant.sku, line.quantity, line.unit_price_at_add) == ("LAV-500", 1, Decimal("28.49"))


def test_every_size_offer_is_in_the_page_and_only_the_chosen_one_shows(client, lavendel):
    small, large = lavendel.variants.order_by("retail_price")

    html = client.get(lavendel.url + "?variant=LAV-500").content.decode()

    assert f'data-variant-offer="{small.pk}" hidden>' in html
    assert f'data-variant-offer="{large.pk}">' in html
    assert "500 ml (56,98\xa0€/l)" in html and "200 ml (64,95\xa0€/l)" in html
    assert "Nur noch 2 Stück" in html and "Auf Lager" in html
    assert f'value="{large.pk}" data-sku="LAV-500" checked' in html
    assert "js/variant-choice" in html
    assert "data-autosubmit" not in html


def test_a_product_with_one_size_posts_it_without_a_choice(client, home_de):
    product = make_product(home_de, "Seife", variants=[variant("4.90", sku="SEIFE-1")])

    form = add_to_cart_form(client.get(product.url).content.decode())

    assert form.radios == {}
    assert form.hidden["variant"] == str(product.variants.get().pk)


def test_a_company_buyer_sees_net_prices_for_every_size_and_the_page_is_private(lavendel):
    from commerce.pricing.tests.factories import add_entry, make_company, make_price_list, make_user

    small, large = lavendel.variants.order_by("retail_price")
    price_list = make_price_list("Fachhandel")
    add_entry(price_list, small, {1: "8.11"})
    add_entry(price_list, large, {1: "17.77", 6: "16.66"})
    buyer = make_user("einkauf")
    make_company("Bioladen GmbH", price_list=price_list, buyer=buyer)
    client = Client()
    client.get(lavendel.url)  # an anonymous visit fills the HTML cache with retail prices
    client.force_login(buyer)

    response = client.get(lavendel.url)
    html = response.content.decode()

    assert "private" in response["Cache-Control"]
    assert add_to_cart_form(html).radios == {"200 ml – 8,11\xa0€": str(small.pk), "500 ml – 17,77\xa0€": str(large.pk)}
    assert f'data-variant-offer="{large.pk}" hidden>' in html
    assert "16,66\xa0€" in html  # the large size's tier, shown when it is chosen
    main = html.split("<main", 1)[1]
    assert "28,49" not in main and "12,99" not in main  # no retail price beside the net ones
