import pytest
from django.db import transaction

from commerce.orders.models import NumberSequence
from commerce.orders.numbering import next_number

pytestmark = pytest.mark.django_db


def test_order_numbers_are_prefixed_zero_padded_and_sequential():
    assert [next_number("order", 2026) for _ in range(3)] == ["NW-2026-000001", "NW-2026-000002", "NW-2026-000003"]


def test_each_year_starts_again_at_one():
    next_number("order", 2026)
    next_number("order", 2026)

    assert next_number("order", 2027) == "NW-2027-000001"
    assert next_number("order", 2026) == "NW-2026-000003"


def test_invoices_have_their_own_sequence():
    next_number("order", 2026)

    assert next_number("invoice", 2026) == "RE-2026-000001"


def test_a_rolled_back_number_is_given_back_so_the_sequence_has_no_gaps():
    next_number("invoice", 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("invoice", 2026) == "RE-2026-000002"
        raise RuntimeError("invoice could not be stored")

    assert next_number("invoice", 2026) == "RE-2026-000002"


def test_default_year_is_the_current_local_year(settings):
    from django.utils import timezone

    assert next_number("order") == f"NW-{timezone.localdate().year}-000001"


def test_unknown_sequence_is_refused():
    with pytest.raises(ValueError, match="unknown number sequence"):
        next_number("credit", 2026)
    assert NumberSequence.objects.count() == 0
