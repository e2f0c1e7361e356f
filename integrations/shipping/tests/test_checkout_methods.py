"""Vendo and Sendcloud as checkout methods: availability, offers priced from the zone's rates, cache."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache

from commerce.checkout.methods import CheckoutSnapshot
from commerce.pricing.context import CustomerKind, PriceContext
from commerce.shipping.services import Rate
from integrations.errors import ProviderError
from integrations.payments.vendo.method import VendoPayment
from integrations.shipping.sendcloud.method import SendcloudShipping
from testing.providers import SENDCLOUD


def snapshot(**overrides) -> CheckoutSnapshot:
    values = {
        "context": PriceContext.retail(),
        "country": "DE",
        "postal_code": "10115",
        "weight_grams": 800,
        "goods_gross": Decimal("20.00"),
        "goods_net": Decimal("16.81"),
        "goods_net_by_rate": {Decimal("19"): Decimal("16.81")},
        "company": None,
        "user": None,
    }
    values.update(overrides)
    return CheckoutSnapshot(**values)


# Two rates of a zone, mapped to Sendcloud's methods 8 and 10 (the sandbox serves both in Germany).
RATES = (
    Rate("consumer", "dhl-paket", "DHL Paket", Decimal("4.90"), 2, 3, provider_method_code="8"),
    Rate("consumer", "dhl-packstation", "DHL Packstation", Decimal("3.90"), 2, 3, "10", pickup_point_carrier="dhl"),
)


@pytest.fixture
def sendcloud_settings(settings, sendcloud_sandbox, db):
    cache.clear()
    settings.SENDCLOUD_BASE_URL = sendcloud_sandbox.base_url
    settings.SENDCLOUD_PUBLIC_KEY = SENDCLOUD["public_key"]
    settings.SENDCLOUD_SECRET_KEY = SENDCLOUD["secret_key"]
    settings.SENDCLOUD_TIMEOUT = 0.5
    sendcloud_sandbox.timeout_seconds = 1.0
    yield settings
    cache.clear()


def shipping_method_requests(sandbox) -> int:
    return sum(r["path"] == "/api/v2/shipping_methods" for r in sandbox.requests)


def test_sendcloud_offers_are_the_zones_rates_with_the_zones_prices(sendcloud_settings):
    offers = SendcloudShipping().offers(snapshot(rates=RATES))

    assert [(o.method_code, o.name, o.gross, o.net, o.service_point_required) for o in offers] == [
        ("sendcloud:8", "DHL Paket", Decimal("4.90"), Decimal("4.12"), False),
        ("sendcloud:10", "DHL Packstation", Decimal("3.90"), Decimal("3.28"), True),
    ]


def test_sendcloud_shipping_vat_follows_the_goods(sendcloud_settings):
    offers = SendcloudShipping().offers(snapshot(rates=RATES, goods_net_by_rate={Decimal("7"): Decimal("18.69")}))

    # 4.90 and 3.90 gross at the goods' 7 %, not at 19 %.
    assert [(o.gross, o.net) for o in offers] == [
        (Decimal("4.90"), Decimal("4.58")),
        (Decimal("3.90"), Decimal("3.64")),
    ]


def test_sendcloud_charges_businesses_the_net_list_price_plus_the_goods_vat(sendcloud_settings):
    context = PriceContext(CustomerKind.B2B, company_id=1, vat_id="DE136695976")
    offers = SendcloudShipping().offers(
        snapshot(
            context=context,
            rates=RATES,
            goods_net_by_rate={Decimal("7"): Decimal("30.00"), Decimal("19"): Decimal("10.00")},
        )
    )

    # 4.12 net: 3.09 at 7 % (+0.22) and 1.03 at 19 % (+0.20); 3.28 net: 2.46 (+0.17) and 0.82 (+0.16).
    assert [(o.net, o.gross) for o in offers] == [
        (Decimal("4.12"), Decimal("4.54")),
        (Decimal("3.28"), Decimal("3.61")),
    ]


def test_every_sendcloud_offer_is_free_from_the_zones_consumer_threshold(sendcloud_settings):
    offers = SendcloudShipping().offers(snapshot(rates=RATES, goods_gross=Decimal("49.00")))

    assert [(o.method_code, o.gross, o.net) for o in offers] == [
        ("sendcloud:8", Decimal("0.00"), Decimal("0.00")),
        ("sendcloud:10", Decimal("0.00"), Decimal("0.00")),
    ]


def test_destinations_sendcloud_does_not_serve_get_no_offer(sendcloud_settings):
    assert SendcloudShipping().offers(snapshot(country="CH", rates=RATES)) == []


def test_rates_are_cached(sendcloud_settings, sendcloud_sandbox):
    SendcloudShipping().offers(snapshot(rates=RATES))
    SendcloudShipping().offers(snapshot(rates=RATES))

    assert shipping_method_requests(sendcloud_sandbox) == 1


def test_rates_are_cached_for_at_most_an_hour(sendcloud_settings, sendcloud_sandbox, settings):
    settings.SENDCLOUD_RATES_CACHE_SECONDS = 86400
    seen = []
    original = cache.set
    cache.set = lambda key, value, timeout=None: (
        (key.startswith("sendcloud:rates") and seen.append(timeout)) or original(key, value, timeout)
    )
    try:
        SendcloudShipping().offers(snapshot(rates=RATES))
    finally:
        cache.set = original

    assert seen == [3600]


@pytest.mark.parametrize("mode", ["503", "timeout", "429"])
def test_sendcloud_unreachable_raises_so_the_zones_home_deliveries_remain(sendcloud_settings, sendcloud_sandbox, mode):
    sendcloud_sandbox.failures.arm(mode, path="/api/v2/shipping_methods")

    with pytest.raises(ProviderError):
        SendcloudShipping().offers(snapshot(rates=RATES))


def test_a_failure_is_not_cached(sendcloud_settings, sendcloud_sandbox):
    sendcloud_sandbox.failures.arm("503", path="/api/v2/shipping_methods")
    with pytest.raises(ProviderError):
        SendcloudShipping().offers(snapshot(rates=RATES))

    assert len(SendcloudShipping().offers(snapshot(rates=RATES))) == 2


def test_vendo_is_available_to_consumers():
    assert VendoPayment().is_available(snapshot()) is True


@pytest.mark.parametrize(("terms", "available"), [("prepayment", True), ("invoice_net_30", False)])
def test_vendo_is_available_to_prepaying_businesses_only(terms, available):
    @dataclass
    class Company:
        payment_terms: str

    assert VendoPayment().is_available(snapshot(company=Company(terms))) is available


def test_methods_have_the_contract_codes():
    assert (VendoPayment.code, SendcloudShipping.code) == ("vendo", "sendcloud")
