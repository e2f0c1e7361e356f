"""Address book and account rules as plain functions.

Every query is scoped to the owner: an address id from a URL or a form is only ever looked up
among the given user's addresses, so another shopper's id behaves like an unknown one.
Invariant: a shopper with at least one address usable for shipping (billing) has exactly one
default shipping (billing) address.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from commerce.single_line import single_line

from .lock_objects import lock_customer
from .models import Address, AddressKind

ADDRESS_FIELDS = (
    "kind",
    "company",
    "first_name",
    "last_name",
    "street",
    "address_extra",
    "postal_code",
    "city",
    "country",
    "phone",
    "is_default_shipping",
    "is_default_billing",
)
# The free-text fields: one line each (commerce/single_line.py), in forms and in `_address_data`.
ADDRESS_LINE_FIELDS = ("company", "first_name", "last_name", "street", "address_extra", "postal_code", "city", "phone")
DEFAULT_KINDS = ("shipping", "billing")


def addresses_of(user):
    return Address.objects.owned_by(user)


def get_address(user, address_id) -> Address:
    """The user's address with this id; Address.DoesNotExist for anyone else's."""
    return addresses_of(user).get(pk=address_id)


def default_address(user, kind: str) -> Address | None:
    return addresses_of(user).filter(**{f"is_default_{kind}": True}).first()


def default_addresses(user) -> dict[str, Address | None]:
    """Both defaults in one query: {"shipping": …, "billing": …}."""
    found = {"shipping": None, "billing": None}
    for address in addresses_of(user).filter(Q(is_default_shipping=True) | Q(is_default_billing=True)):
        for kind in DEFAULT_KINDS:
            if getattr(address, f"is_default_{kind}"):
                found[kind] = address
    return found


@transaction.atomic
def create_address(user, **data) -> Address:
    lock_customer(user)
    address = Address(user=user, **_address_data(data))
    address.full_clean(validate_constraints=False)  # one-default rule: handled below, then by the DB
    _clear_other_defaults(user, address)
    address.save()
    _ensure_defaults(user)
    address.refresh_from_db()
    return address


@transaction.atomic
def update_address(user, address_id, **data) -> Address:
    lock_customer(user)
    address = get_address(user, address_id)
    for field, value in _address_data(data).items():
        setattr(address, field, value)
    address.full_clean(validate_constraints=False)  # one-default rule: handled below, then by the DB
    _clear_other_defaults(user, address)
    address.save()
    _ensure_defaults(user)
    address.refresh_from_db()
    return address


@transaction.atomic
def delete_address(user, address_id) -> None:
    lock_customer(user)
    get_address(user, address_id).delete()
    _ensure_defaults(user)


@transaction.atomic
def set_default(user, address_id, kind: str) -> Address:
    """Make the address the default for `kind` ("shipping" or "billing")."""
    if kind not in DEFAULT_KINDS:
        raise ValueError(f"unknown default kind {kind!r}")
    lock_customer(user)
    address = get_address(user, address_id)
    setattr(address, f"is_default_{kind}", True)
    address.full_clean(validate_constraints=False)  # one-default rule: handled below, then by the DB
    _clear_other_defaults(user, address)
    address.save(update_fields=[f"is_default_{kind}", "updated_at"])
    return address


def recent_orders(user, limit: int = 5) -> list:
    """The latest orders the shopper may see (own + their company's), through the one access rule."""
    if not apps.is_installed("commerce.orders"):
        return []
    from commerce.orders.access import orders_visible_to

    return list(orders_visible_to(user).order_by("-placed_at", "-pk")[:limit])


def _address_data(data: dict) -> dict:
    unknown = set(data) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"unknown address fields: {sorted(unknown)}")
    return {
        name: single_line(value) if name in ADDRESS_LINE_FIELDS and isinstance(value, str) else value
        for name, value in data.items()
    }


def _clear_other_defaults(user, address: Address) -> None:
    for kind in DEFAULT_KINDS:
        flag = f"is_default_{kind}"
        if getattr(address, flag):
            addresses_of(user).filter(**{flag: True}).exclude(pk=address.pk).update(**{flag: False})


def _ensure_defaults(user) -> None:
    """Repair the one-default-per-kind invariant after a write: the newest usable address steps in."""
    eligible_kinds = {
        "shipping": (AddressKind.BOTH, AddressKind.SHIPPING),
        "billing": (AddressKind.BOTH, AddressKind.BILLING),
    }
    for kind, kinds in eligible_kinds.items():
        flag = f"is_default_{kind}"
        addresses_of(user).filter(**{flag: True}).exclude(kind__in=kinds).update(**{flag: False})
        if not addresses_of(user).filter(**{flag: True}).exists():
            candidate = addresses_of(user).filter(kind__in=kinds).order_by("-updated_at", "-pk").first()
            if candidate is not None:
                Address.objects.filter(pk=candidate.pk).update(**{flag: True})
