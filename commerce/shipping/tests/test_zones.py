"""The shipping zones drive the checkout's offers and payment methods, the shipping table, the header
note and the delivery time; editing a zone changes all of them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from commerce.checkout.forms import AddressForm
from commerce.checkout.methods import (
    CheckoutSnapshot,
    available_payment_methods,
    default_offer,
    rate_offer,
    shipping_offers,
)
from commerce.orders import providers
from commerce.pricing.context import CustomerKind, PriceContext
from commerce.shipping.models import PaymentOption, ShippingRate, ShippingZone
from commerce.shipping.services import home_delivery_days
from commerce.shipping.wagtail_hooks import ShippingZoneViewSet
from content.models import StandardPage

D = Decimal
B2B = PriceContext(CustomerKind.B2B, company_id=1, vat_id="DE136695976")


class FakeProvider:
    """Serves every zone rate mapped to a method, twice (as a provider listing a product under two ids
    would), so the checkout must keep each carrier product once."""

    code = "fake"

    def offers(self, snapshot):
        mapped = [rate for rate in snapshot.rates if rate.provider_method_code]
        return [
            rate_offer(rate, snapshot, method_code=f"fake:{rate.provider_method_code}:{n}")
            for n in (1, 2)
            for rate in mapped
        ]


def snapshot(country="DE", context=None, gross="20.00", net="16.81") -> CheckoutSnapshot:
    return CheckoutSnapshot(
        context=context or PriceContext.retail(delivery_country=country),
        country=country,
        postal_code="10115",
        weight_grams=800,
        goods_gross=D(gross),
        goods_net=D(net),
        company=None,
        user=None,
        goods_net_by_rate={D("0") if country == "CH" else D("19"): D(net)},
    )


def zone_form(instance, countries):
    """The admin's edit form of a zone, with its rates unchanged."""
    form_class = ShippingZoneViewSet().get_form_class()
    rates = list(instance.rates.all())
    data = {
        "name": instance.name,
        "countries": countries,
        "position": instance.position,
        "rates-TOTAL_FORMS": str(len(rates)),
        "rates-INITIAL_FORMS": str(len(rates)),
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "1000",
    }
    for n, r in enumerate(rates):
        for field in ("customer_type", "carrier_product", "name", "price", "min_days", "max_days"):
            data[f"rates-{n}-{field}"] = str(getattr(r, field))
        data[f"rates-{n}-id"] = str(r.pk)
        data[f"rates-{n}-ORDER"] = str(n + 1)
    return form_class(instance=instance, data=data, for_user=None)


def offered(offers):
    return [(o.name, o.net, o.gross, o.delivery_time) for o in offers]


@pytest.fixture
def provider():
    with providers.replaced(shipping_methods=[FakeProvider()]):
        yield


@pytest.fixture
def no_provider():
    with providers.replaced(shipping_methods=[]):
        yield


def zone(name) -> ShippingZone:
    return ShippingZone.objects.get(name=name)


def rate(zone_name, customer_type, product) -> ShippingRate:
    return ShippingRate.objects.get(zone__name=zone_name, customer_type=customer_type, carrier_product=product)


# --- offers -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_company_with_84_euros_net_pays_every_offer_below_the_business_threshold(provider):
    offers = shipping_offers(snapshot(context=B2B, gross="84.00", net="84.00"))

    # The consumers' 49 € gross threshold does not apply; the businesses' 250 € net does.
    assert [(o.name, o.net, o.method_code.split(":")[0]) for o in offers] == [
        ("DHL Packstation/Filiale", D("3.28"), "fake"),
        ("DHL Paket", D("4.12"), "fake"),
        ("DPD Classic", D("4.12"), "fake"),
    ]


@pytest.mark.django_db
def test_a_company_from_the_business_threshold_ships_free(provider):
    offers = shipping_offers(snapshot(context=B2B, gross="250.00", net="250.00"))

    assert {o.gross for o in offers} == {D("0.00")}


@pytest.mark.django_db
def test_a_consumer_to_austria_gets_one_dhl_offer_with_one_price_and_delivery_time(provider):
    offers = shipping_offers(snapshot(country="AT"))

    assert offered(offers) == [
        ("DHL Paket", D("8.32"), D("9.90"), "4–6 working days"),
        ("DPD Classic", D("8.32"), D("9.90"), "3–5 working days"),
    ]
    assert [o.method_code for o in offers] == ["fake:8:1", "fake:9:1"]


@pytest.mark.django_db
def test_home_delivery_is_preselected_although_the_pickup_point_is_cheaper(provider):
    offers = shipping_offers(snapshot())

    assert offers[0].name == "DHL Packstation/Filiale" and offers[0].service_point_required
    assert offers[0].pickup_point_carrier == "dhl"
    assert default_offer(offers).name == "DHL Paket"


@pytest.mark.django_db
def test_without_a_provider_the_zones_home_deliveries_are_offered(no_provider):
    offers = shipping_offers(snapshot(country="CH"))

    assert [(o.method_code, o.name, o.gross) for o in offers] == [("zone:dhl-paket", "DHL Paket", D("16.72"))]


@pytest.mark.django_db
def test_an_estimate_never_asks_the_provider():
    with providers.replaced(shipping_methods=[ExplodingProvider()]):
        offers = shipping_offers(snapshot(), ask_providers=False)

    assert [o.method_code for o in offers] == ["zone:dhl-paket", "zone:dpd-classic"]


class ExplodingProvider:
    code = "exploding"

    def offers(self, snapshot):
        raise AssertionError("asked")


@pytest.mark.django_db
def test_a_country_without_a_zone_gets_no_offers(provider):
    ShippingZone.objects.filter(name="Schweiz").delete()

    assert shipping_offers(snapshot(country="CH")) == []


@pytest.mark.django_db
def test_editing_a_zone_changes_the_offers(provider):
    assert offered(shipping_offers(snapshot(country="AT")))[0] == (
        "DHL Paket",
        D("8.32"),
        D("9.90"),
        "4–6 working days",
    )

    dhl = rate("EU", "consumer", "dhl-paket")
    dhl.price, dhl.min_days, dhl.max_days = D("7.50"), 3, 4
    dhl.save()
    eu = zone("EU")
    eu.consumer_free_from = D("15.00")
    eu.save()

    assert shipping_offers(snapshot(country="AT")) and {o.gross for o in shipping_offers(snapshot(country="AT"))} == {
        D("0.00")
    }
    assert offered(shipping_offers(snapshot(country="AT", gross="10.00", net="8.40")))[0] == (
        "DHL Paket",
        D("6.30"),
        D("7.50"),
        "3–4 working days",
    )


# --- payment methods, countries, delivery time -----------------------------------------------------


@pytest.mark.django_db
def test_payment_methods_follow_the_options_of_the_customer_type():
    assert [m.code for m in available_payment_methods(snapshot())] == ["prepayment", "vendo"]

    PaymentOption.objects.filter(method_code="vendo").update(for_consumers=False)
    PaymentOption.objects.get(method_code="prepayment").save()  # any save drops the cached data

    assert [m.code for m in available_payment_methods(snapshot())] == ["prepayment"]


@pytest.mark.django_db
def test_the_address_form_offers_the_countries_of_the_zones():
    assert [code for code, _ in AddressForm().fields["country"].choices] == [
        "DE",
        "AT",
        "BE",
        "ES",
        "FR",
        "IT",
        "LU",
        "NL",
        "CH",
    ]
    zone("Schweiz").delete()

    form = AddressForm(
        {
            "first_name": "Erika",
            "last_name": "Muster",
            "street": "Bahnhofstr. 1",
            "postal_code": "8001",
            "city": "Zürich",
            "country": "CH",
        }
    )
    assert not form.is_valid()
    assert "country" in form.errors


@pytest.mark.django_db
def test_the_home_delivery_days_come_from_the_home_zone():
    assert home_delivery_days() == (2, 3)

    dhl = rate("Deutschland", "consumer", "dhl-paket")
    dhl.min_days, dhl.max_days = 1, 2
    dhl.save()

    assert home_delivery_days() == (1, 2)


@pytest.mark.django_db
def test_a_country_cannot_be_in_two_zones():
    form = zone_form(zone("EU"), ["AT", "DE"])

    assert not form.is_valid()
    assert "Germany (Deutschland)" in str(form.errors["countries"])


@pytest.mark.django_db
def test_an_export_country_needs_a_zone_of_its_own():
    zone("Schweiz").delete()
    form = zone_form(zone("EU"), ["AT", "CH"])

    assert not form.is_valid()
    assert "countries" in form.errors


# --- the storefront: header note, shipping table -----------------------------------------------------


@pytest.fixture
def shipping_page(demo_site):
    home = demo_site.root_page.specific
    page = StandardPage(
        title="Versand & Zahlung",
        slug="versand-zahlung-test",
        body=[("shipping_table", {"heading": "Versand & Zahlung", "customers": "all"})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_header_note_and_the_shipping_page_change_when_a_zone_is_edited(shipping_page):
    client = Client()
    html = client.get(shipping_page.url).content.decode()
    assert "Versandkostenfrei nach Deutschland ab 49 €" in html
    assert "Österreich" in html and "Schweiz" in html
    assert "9,90 €" in html and "4–6 Werktage" in html
    assert "Versandkostenfrei ab 250,00 € Nettowarenwert." in html
    assert "Vorkasse" in html and "Rechnung" in html

    germany = zone("Deutschland")
    germany.consumer_free_from = D("59.50")
    germany.save()
    dhl = rate("EU", "consumer", "dhl-paket")
    dhl.price = D("11.90")
    dhl.save()

    html = client.get(shipping_page.url).content.decode()
    assert "Versandkostenfrei nach Deutschland ab 59,50 €" in html
    assert "Versandkostenfrei ab 59,50 € Warenwert." in html
    assert "11,90 €" in html


def test_without_a_consumer_threshold_the_header_promises_nothing(shipping_page):
    ShippingZone.objects.filter(name="Deutschland").update(consumer_free_from=None)

    html = Client().get(shipping_page.url).content.decode()

    assert "site-header__note" not in html
    assert "Kein kostenloser Versand." in html
