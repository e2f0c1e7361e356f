"""Human-friendly, gap-free numbers per year: NW-2026-000123 for orders, RE-2026-000001 for invoices,
KR-2026-000001 for credit notes (invoice corrections).

A counter row per (name, year) is locked and incremented inside the caller's transaction
(not a PostgreSQL SEQUENCE, which never gives a value back): if the order or invoice is
rolled back, so is its number. German invoices must be numbered without gaps.
Take the number as late as possible in the transaction: the row lock serialises everyone
numbering in the same year until commit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .lock_objects import number_sequence_for_update
from .models import NumberSequence

PREFIXES = {"order": "NW", "invoice": "RE", "credit_note": "KR"}
DIGITS = 6


def current_year() -> int:
    return timezone.localdate().year


def next_value(name: str, year: int) -> int:
    """The next integer of the (name, year) sequence, locked until the surrounding transaction ends."""
    # No savepoint of our own: it would cost two round trips while the sequence row is locked.
    with transaction.atomic(savepoint=False):
        sequence = number_sequence_for_update(name, year).first()
        if sequence is None:
            try:
                # Savepoint: a concurrent first insert of the same year raises here; then lock theirs.
                with transaction.atomic():
                    NumberSequence.objects.create(name=name, year=year, last_value=0)
            except IntegrityError:
                pass
            sequence = number_sequence_for_update(name, year).get()
        sequence.last_value += 1
        sequence.save(update_fields=["last_value"])
        return sequence.last_value


def format_number(name: str, year: int, value: int) -> str:
    return f"{PREFIXES[name]}-{year}-{value:0{DIGITS}d}"


def next_number(name: str, year: int | None = None) -> str:
    """`next_number("order")` → "NW-2026-000124". Call inside the transaction that stores the number."""
    if name not in PREFIXES:
        raise ValueError(f"unknown number sequence {name!r}")
    year = year or current_year()
    return format_number(name, year, next_value(name, year))
