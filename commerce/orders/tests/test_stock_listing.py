"""The `in_stock` filter of catalogue search follows sales: the last unit sold hides the product,
a cancellation that brings the stock back shows it again."""

from __future__ import annotations

import pytest

from catalog.availability import refresh_listing_fields
from catalog.models import ProductPage
from commerce.orders.services import cancel_order

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


def in_stock_search(title: str) -> list[int]:
    return [page.pk for page in ProductPage.objects.live().filter(in_stock=True).search(title)]


@pytest.fixture
def last_unit():
    variant = make_variant(stock=1)
    refresh_listing_fields([variant.product_id])
    return variant


def test_selling_the_last_unit_drops_the_product_from_the_in_stock_filter(
    last_unit, django_capture_on_commit_callbacks
):
    title = last_unit.product.title
    assert in_stock_search(title) == [last_unit.product_id]

    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(last_unit, 1)

    assert in_stock_search(title) == []
    assert ProductPage.objects.get(pk=last_unit.product_id).in_stock is False

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order, actor="staff")

    assert in_stock_search(title) == [last_unit.product_id]


def test_a_sale_that_leaves_stock_keeps_the_product_in_stock(django_capture_on_commit_callbacks):
    variant = make_variant(stock=3)
    refresh_listing_fields([variant.product_id])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order_for(variant, 1)

    assert in_stock_search(variant.product.title) == [variant.product_id]
    assert not [c for c in callbacks if getattr(c, "__qualname__", "").startswith("_refresh_listings")]


def test_backorder_variants_stay_in_stock_at_zero(django_capture_on_commit_callbacks):
    variant = make_variant(stock=1, backorder=True)
    refresh_listing_fields([variant.product_id])

    with django_capture_on_commit_callbacks(execute=True):
        order_for(variant, 2)

    assert in_stock_search(variant.product.title) == [variant.product_id]
