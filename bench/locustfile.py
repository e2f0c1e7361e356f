"""Locust users for `make bench`; bench.run names the one a scenario uses (see bench/scenarios.py).

* `PageVisitor` — page scenarios: GET BENCH_PATH (with BENCH_HEADERS) as fast as it is answered.
* `CartShopper` — add-to-cart: POSTs /cart/add/ like the product page's script (same-origin
  `Origin` header, JSON answer), with its own session; a new visitor every few items.
* `Buyer` — place-order: a guest fills a cart and goes through the checkout to the order button.

Flow users take variants from BENCH_VARIANTS, each user its own, so concurrent buyers order
different products. Every request checks its answer; a wrong one counts as a failure.
"""

import itertools
import json
import os
import re

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "scenario")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVIEW_TOKEN = re.compile(r'name="token" value="([^"]+)"')
# The delivery step's preselected shipping offer (the cheapest home delivery of the shipping zone).
PRESELECTED_SHIPPING = re.compile(r'name="shipping_method" value="([^"]+)"[^>]*\bchecked\b')
ADDRESS = {
    "email": "bench@example.com",
    "shipping-first_name": "Erika",
    "shipping-last_name": "Muster",
    "shipping-street": "Hauptstr. 1",
    "shipping-postal_code": "10115",
    "shipping-city": "Berlin",
    "shipping-country": "DE",
    "billing_same": "on",
}
ITEMS_PER_VISIT = 5


class PageVisitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def visit(self):
        headers = json.loads(os.environ.get("BENCH_HEADERS") or "{}")
        self.client.get(os.environ["BENCH_PATH"], headers=headers, name=SCENARIO)


class FlowUser(FastHttpUser):
    """A visitor with its own cookies, walking over its own share of BENCH_VARIANTS."""

    abstract = True
    wait_time = constant(0)
    _numbers = itertools.count()

    def on_start(self):
        self.variants = os.environ["BENCH_VARIANTS"].split(",")
        self.number = next(FlowUser._numbers)
        self.step = 0
        self.origin = {"Origin": self.host.rstrip("/")}

    def next_variant(self) -> str:
        """User n takes variants n, n + users, n + 2·users, … (wrapping round): no two users share one at a time."""
        users = max(self.environment.runner.user_count if self.environment.runner else 1, 1)
        variant = self.variants[(self.number + self.step * users) % len(self.variants)]
        self.step += 1
        return variant

    def new_visitor(self):
        self.client.cookiejar.clear()

    def add_to_cart(self, name: str) -> bool:
        with self.client.post(
            "/cart/add/",
            data={"variant": self.next_variant(), "quantity": "1"},
            headers={**self.origin, "Accept": "application/json"},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 200 and (response.json() or {}).get("ok"):
                response.success()
                return True
            response.failure(f"add to cart answered {response.status_code}: {(response.text or '')[:200]}")
            return False

    def expect(self, response, status: int, location: str | None = None) -> bool:
        if response.status_code != status:
            response.failure(f"expected {status}, got {response.status_code}: {(response.text or '')[:300]}")
            return False
        if location is not None and location not in (response.headers.get("Location") or ""):
            response.failure(f"redirected to {response.headers.get('Location')!r}, not {location!r}")
            return False
        response.success()
        return True


class CartShopper(FlowUser):
    @task
    def add(self):
        if self.step % ITEMS_PER_VISIT == 0:
            self.new_visitor()
        self.add_to_cart(SCENARIO)


class Buyer(FlowUser):
    """Checkout as commerce/checkout/tests/flow.py drives it, but over HTTP with a cookie jar."""

    shipping_method: str | None = None

    @task
    def buy(self):
        self.new_visitor()
        if not self.add_to_cart(f"{SCENARIO}: add to cart"):
            return
        csrf = self.form_token("/checkout/address/", CSRF_INPUT, f"{SCENARIO}: address form")
        if csrf is None:
            return
        if not self.post(
            "/checkout/address/",
            {**ADDRESS, "csrfmiddlewaretoken": csrf},
            "/checkout/delivery/",
            f"{SCENARIO}: address",
        ):
            return
        if self.shipping_method is None:  # asked once per simulated buyer: the offers do not change
            self.shipping_method = self.form_token(
                "/checkout/delivery/", PRESELECTED_SHIPPING, f"{SCENARIO}: delivery form"
            )
            if self.shipping_method is None:
                return
        delivery = {
            "shipping_method": self.shipping_method,
            "payment_method": "prepayment",
            "csrfmiddlewaretoken": csrf,
        }
        if not self.post("/checkout/delivery/", delivery, "/review/", f"{SCENARIO}: delivery"):
            return
        token = self.form_token("/checkout/review/", REVIEW_TOKEN, f"{SCENARIO}: review")
        if token is None:
            return
        # The headline request: its rate is orders/s. A placed order redirects to its confirmation.
        placed = {"token": token, "accept_terms": "on", "csrfmiddlewaretoken": csrf}
        self.post("/checkout/place/", placed, "/confirmation/", SCENARIO, alternatives=("/checkout/placed/",))

    def form_token(self, path: str, pattern: re.Pattern, name: str) -> str | None:
        with self.client.get(path, name=name, catch_response=True) as response:
            found = pattern.search(response.text or "") if response.status_code == 200 else None
            if found is None:
                response.failure(f"{path}: {response.status_code}, no {pattern.pattern!r} in the page")
                return None
            response.success()
            return found.group(1)

    def post(self, path: str, data: dict, location: str, name: str, alternatives: tuple[str, ...] = ()) -> bool:
        with self.client.post(
            path, data=data, headers=self.origin, name=name, allow_redirects=False, catch_response=True
        ) as response:
            target = response.headers.get("Location") or ""
            if response.status_code == 302 and any(option in target for option in alternatives):
                response.success()
                return True
            return self.expect(response, 302, location)
