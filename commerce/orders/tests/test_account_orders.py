"""The account page lists the shopper's latest orders through the order tag (one access rule)."""

import pytest

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


def test_the_account_page_lists_own_orders_only(client, django_user_model, django_capture_on_commit_callbacks):
    owner = django_user_model.objects.create_user("owner", "owner@example.com", "pw-123456789")
    stranger = django_user_model.objects.create_user("other", "other@example.com", "pw-123456789")
    with django_capture_on_commit_callbacks(execute=True):
        own = order_for(make_variant(), user=owner, email="owner@example.com")
        foreign = order_for(make_variant(), user=stranger, email="other@example.com")
    client.force_login(owner)

    body = client.get("/account/").content.decode()

    assert own.number in body
    assert foreign.number not in body
