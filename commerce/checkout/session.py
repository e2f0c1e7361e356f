"""The checkout's state in the shopper's session, behind one object.

Services receive a `CheckoutSession` instead of the request, so a storefront view and an API view
(any dict-like session store) drive the same checkout.
"""

from __future__ import annotations

import secrets

from commerce.orders.access import remember_placed_order
from commerce.pricing.context import SESSION_DELIVERY_COUNTRY_KEY

STATE_KEY = "checkout"


class CheckoutSession:
    """Email, addresses, chosen methods and pickup point, the review's token and fingerprint."""

    def __init__(self, session):
        self.session = session

    @property
    def state(self) -> dict:
        return dict(self.session.get(STATE_KEY) or {})

    def _update(self, **values) -> None:
        state = self.state
        state.update(values)
        self.session[STATE_KEY] = state

    @property
    def email(self) -> str:
        return self.state.get("email", "")

    @property
    def shipping_address(self) -> dict:
        return self.state.get("shipping") or {}

    @property
    def billing_address(self) -> dict | None:
        return self.state.get("billing") or None

    @property
    def shipping_method(self) -> str:
        return self.state.get("shipping_method") or ""

    @property
    def payment_method(self) -> str:
        return self.state.get("payment_method") or ""

    @property
    def service_point(self) -> dict | None:
        return self.state.get("service_point") or None

    @property
    def country(self) -> str | None:
        return self.shipping_address.get("country")

    def save_addresses(self, *, email: str, shipping: dict, billing: dict | None) -> None:
        """A new address starts a new review (new token); prices follow the delivery country."""
        state = self.state
        state.update(email=email.strip(), shipping=shipping, billing=billing)
        state.pop("token", None)
        self.session[STATE_KEY] = state
        self.session[SESSION_DELIVERY_COUNTRY_KEY] = shipping["country"]

    def save_methods(self, *, shipping_method: str, payment_method: str, service_point: dict | None = None) -> None:
        self._update(shipping_method=shipping_method, payment_method=payment_method, service_point=service_point)

    def review_token(self) -> str:
        """The checkout's idempotency key: made once per checkout, kept across review reloads."""
        token = self.state.get("token")
        if not token:
            token = secrets.token_urlsafe(32)
            self._update(token=token)
        return token

    @property
    def token(self) -> str:
        return self.state.get("token", "")

    @property
    def fingerprint(self) -> str:
        return self.state.get("fingerprint", "")

    def remember_fingerprint(self, fingerprint: str) -> None:
        """What the shopper reviewed: placing refuses if the priced checkout differs from it."""
        self._update(fingerprint=fingerprint)

    def finish(self, order) -> None:
        """This session placed `order`: it may see it as a guest, and its checkout is done."""
        remember_placed_order(self.session, order)
        self.session.pop(STATE_KEY, None)
