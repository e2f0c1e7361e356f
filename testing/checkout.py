"""Drive the cart and checkout through HTTP like a browser without JavaScript."""

from __future__ import annotations

import re

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}

ADDRESS = {
    "shipping-first_name": "Erika",
    "shipping-last_name": "Muster",
    "shipping-street": "Hauptstr. 1",
    "shipping-postal_code": "10115",
    "shipping-city": "Berlin",
    "shipping-country": "DE",
    "billing_same": "on",
}


def add(client, variant, quantity=1):
    return client.post("/cart/add/", {"variant": variant.pk, "quantity": str(quantity)}, **SAME_ORIGIN)


def to_review(client, *, email="erika@example.com", payment="prepayment", address=None, prefix=""):
    response = client.post(f"{prefix}/checkout/address/", {"email": email, **(address or ADDRESS)})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(f"{prefix}/checkout/delivery/", {"shipping_method": "flat-dhl", "payment_method": payment})
    assert response.status_code == 302, response.content.decode()[:3000]
    review = client.get(f"{prefix}/checkout/review/")
    assert review.status_code == 200
    return review, token_of(review)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def place(client, token, **extra):
    return client.post("/checkout/place/", {"token": token, "accept_terms": "on", **extra})
