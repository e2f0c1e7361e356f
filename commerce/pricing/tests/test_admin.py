"""Price lists, entries with tiers and quantity rules in the Wagtail admin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.pricing.models import PriceListEntry

from .factories import make_price_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.com", "x"))
    return client


@pytest.mark.parametrize("model", ["pricelist", "pricelistentry", "variantquantityrule"])
def test_add_forms_render(staff_client, shop, model):
    assert staff_client.get(reverse(f"wagtailsnippets_pricing_{model}:add")).status_code == 200


def test_entry_with_tiers_is_created_in_one_form(staff_client, shop):
    price_list = make_price_list()
    data = {
        "price_list": price_list.pk,
        "variant": shop.soap.pk,
        "tiers-TOTAL_FORMS": "2",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "1",
        "tiers-MAX_NUM_FORMS": "1000",
        "tiers-0-min_quantity": "1",
        "tiers-0-unit_net": "8.90",
        "tiers-1-min_quantity": "12",
        "tiers-1-unit_net": "7.90",
    }
    response = staff_client.post(reverse("wagtailsnippets_pricing_pricelistentry:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = PriceListEntry.objects.get(price_list=price_list, variant=shop.soap)
    assert list(entry.tiers.values_list("min_quantity", "unit_net")) == [(1, Decimal("8.90")), (12, Decimal("7.90"))]
