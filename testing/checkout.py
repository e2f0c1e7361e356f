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
    response = client.post(
        f"{prefix}/checkout/delivery/", {"shipping_method": "zone:dhl-paket", "payment_method": payment}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = client.get(f"{prefix}/checkout/review/")
    assert review.status_code == 200
    return review, token_of(review)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def place(client, token, **extra):
    return client.post("/checkout/place/", {"token": token, "accept_terms": "on", **extra})


def priced(cart, context, *, session=None, ask_providers: bool = False):
    """The cart priced as the cart page prices it (no provider asked), for a guest."""
    from commerce.checkout.priced import Customer, price_checkout
    from commerce.checkout.session import CheckoutSession

    return price_checkout(cart, context, Customer(), CheckoutSession(session or {}), ask_providers=ask_providers)


_ROW = re.compile(r'<dd class="totals__(\w+)"(?: data-rate="([\d.,]+)")?>([^<]*)</dd>')


def shown_in_html(html: str) -> dict:
    """The totals block of a page or HTML e-mail: {"subtotal": "44,00 €", "vat": {"7": "2,34 €"}, ...}."""
    shown: dict = {"vat": {}}
    for name, rate, value in _ROW.findall(html):
        value = value.replace("\xa0", " ").strip().lstrip("−")
        if name == "vat":
            shown["vat"][rate] = value
        else:
            shown[name] = value
    return shown


def shown_in_text(body: str, *, shipping_name: str) -> dict:
    """The same rows from a German plain-text e-mail (includes/totals.txt)."""
    body = body.replace("\xa0", " ")
    lines = dict(line.rsplit(": ", 1) for line in body.splitlines() if ": " in line)
    shown = {
        "subtotal": lines["Zwischensumme"],
        "shipping": lines[f"Versand ({shipping_name})"],
        "total": lines["Gesamt"],
        "vat": {},
    }
    if "Rabatt" in lines:
        shown["discount"] = lines["Rabatt"].lstrip("−")
    for label, value in lines.items():
        match = re.match(r"(?:inkl\.|zzgl\.) ([\d,]+) % MwSt\.", label)
        if match:
            shown["vat"][match.group(1).replace(",", ".")] = value
    return shown
