"""The shop's provider registry: every payment and shipping method, and the parcel service.

Each app registers its own methods in its AppConfig.ready() (commerce: flat rate, prepayment,
invoice; integrations: the online payment and carrier providers), so commerce calls providers
through these ports without importing them and without dotted paths in settings. It lives next
to the orders because orders call it too (parcels for accepted orders, holds on expiry); the
checkout reads the same registry (commerce.checkout.methods).

Ports, by what commerce calls on them:
- payment method: `code`, `name`, `is_available(snapshot)`, `start(order, request)`; optional
  `redirect_origins()` and `orders_with_payment_evidence(orders) -> ids` (money a provider
  reported for these pending orders: they are never expired automatically);
- shipping method: `code`, `offers(snapshot)`; optional `fallback` and `service_points(...)`;
- parcel service (at most one): `queue_parcel(order)` once the goods are owed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_payment_methods: dict[str, object] = {}
_shipping_methods: dict[str, object] = {}
_parcel_service: list[object] = []


class DuplicateProvider(ValueError):
    """Two registrations for one code: the second would silently shadow the first."""


def _register(table: dict[str, object], method) -> None:
    existing = table.get(method.code)
    if existing is not None and type(existing) is not type(method):
        raise DuplicateProvider(f"{method.code!r} is already registered by {type(existing).__name__}")
    table[method.code] = method


def register_payment_method(method) -> None:
    """Offered at checkout in registration order. Registering the same class again replaces it."""
    _register(_payment_methods, method)


def register_shipping_method(method) -> None:
    _register(_shipping_methods, method)


def register_parcel_service(service) -> None:
    """The one service that turns accepted orders into parcels (whatever method was chosen)."""
    _parcel_service[:] = [service]


def payment_methods() -> tuple:
    return tuple(_payment_methods.values())


def shipping_methods() -> tuple:
    return tuple(_shipping_methods.values())


def parcel_service():
    return _parcel_service[0] if _parcel_service else None


def goods_owed(order) -> None:
    """After commit, once the order is paid or accepted on account: the parcel is queued."""
    service = parcel_service()
    if service is not None:
        service.queue_parcel(order)


def orders_held_from_expiry(orders: Iterable) -> set[int]:
    """Ids of these pending orders for which a payment provider reported money: a human decides."""
    orders = list(orders)
    held: set[int] = set()
    if not orders:
        return held
    for method in payment_methods():
        evidence = getattr(method, "orders_with_payment_evidence", None)
        if evidence is not None:
            held |= set(evidence(orders))
    return held


@contextmanager
def replaced(*, payment_methods: Iterable | None = None, shipping_methods: Iterable | None = None) -> Iterator[None]:
    """Run with only these methods registered (tests of one method's figures), then restore."""
    saved = dict(_payment_methods), dict(_shipping_methods)
    try:
        if payment_methods is not None:
            _payment_methods.clear()
            _payment_methods.update({method.code: method for method in payment_methods})
        if shipping_methods is not None:
            _shipping_methods.clear()
            _shipping_methods.update({method.code: method for method in shipping_methods})
        yield
    finally:
        _payment_methods.clear()
        _payment_methods.update(saved[0])
        _shipping_methods.clear()
        _shipping_methods.update(saved[1])
