"""The German shop addresses customers with "Sie": pages, flash messages, e-mails and the catalogue.

allauth ships a German translation that says "du"; the shop's own entries for allauth's msgids in
``locale/de`` take precedence over it, and these tests read what a customer actually gets.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client

from commerce.cart.tests.factories import make_shop
from commerce.checkout.tests.flow import ADDRESS, add, place, to_review
from commerce.customers.services import create_address

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

# Case-sensitive on purpose: "Dir." (Direktor) or the noun "Versuche" are not forms of address;
# word boundaries keep "Dirndl", "Reihenfolge" or "Anlass" out.
DU_FORMS = re.compile(
    r"\b(du|Du|dich|Dich|dir|dein|deine|deinen|deinem|deiner|deines|Dein|Deine|Deinen|Deinem|Deiner|Deines"
    r"|hast|bist|kannst|musst|willst|möchtest|Möchtest|wirst|sollst|darfst|brauchst|findest|erhältst"
    r"|gib|Gib|melde|Melde|bestätige|Bestätige|klicke|Klicke|klick|wähle|Wähle|versuche|kontaktiere"
    r"|Kontaktiere|folge|überprüfe|Überprüfe|lass|Lass|erstelle|Erstelle|verwende|Verwende|rufe|Rufe|sieh|Sieh"
    r"|euch|Euch|euer|eure|euren|eurem|eurer)\b"
)
SITE_URL = "https://shop.naturwest.example"
PO_FILE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
# msgstrs that match a du-form without addressing anyone: none so far.
PO_ALLOWED: set[str] = set()


def _visible_text(content: str) -> str:
    """Text and the attributes a customer reads (labels, placeholders, titles), without markup."""
    content = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", content)
    attributes = re.findall(r'\b(?:placeholder|aria-label|title|alt|value)="([^"]*)"', content)
    text = re.sub(r"(?s)<[^>]+>", " ", content)
    return html.unescape(" ".join([text, *attributes]))


def _du_forms(text: str) -> list[str]:
    return sorted({match.group(0) for match in DU_FORMS.finditer(text)})


def _assert_sie(label: str, content: str) -> None:
    found = _du_forms(_visible_text(content))
    assert not found, f"{label}: {found}"


def _page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def shop(demo_site):
    return make_shop(demo_site.root_page.specific)


def test_the_du_form_detector_finds_what_it_is_meant_to_find():
    """The detector must not be blind, and must spare ordinary words."""
    assert _du_forms("Du hast dich abgemeldet. Gib deine E-Mail-Adresse ein.") == ["Du", "Gib", "deine", "dich", "hast"]
    assert _du_forms("Sie haben sich abgemeldet. Dirndl, Dir. Müller, Reihenfolge, Versuche, Ihr Konto") == []


def test_german_catalogue_addresses_customers_with_sie():
    entries = re.findall(r'(?m)^msgstr(?:\[\d\])? ((?:".*"\n?)+)', PO_FILE.read_text(encoding="utf-8"))
    offenders = {}
    for entry in entries:
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', entry)).replace('\\"', '"').replace("\\n", "\n")
        found = _du_forms(text)
        if found and text not in PO_ALLOWED:
            offenders[text] = found
    assert not offenders


def test_german_account_pages_and_messages_say_sie(client, make_shopper, demo_site):
    pages = {
        url: _page(client, url)
        for url in (
            "/account/login/",
            "/account/signup/",
            "/account/password/reset/",
            "/account/password/reset/done/",
            "/account/confirm-email/",
            "/account/confirm-email/not-a-key/",
            "/account/password/reset/key/x-set-password/",
        )
    }
    mismatch = client.post(
        "/account/signup/",
        {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
        REMOTE_ADDR="10.2.0.1",
    )
    pages["sign-up with different passwords"] = mismatch.content.decode()
    wrong = client.post(
        "/account/login/", {"login": "nobody@example.com", "password": "falsch"}, REMOTE_ADDR="10.2.0.2"
    )
    pages["wrong password"] = wrong.content.decode()

    shopper = make_shopper()
    client.force_login(shopper)
    for url in ("/account/", "/account/addresses/", "/account/addresses/new/", "/account/logout/"):
        pages[url] = _page(client, url)
    client.post("/account/logout/")
    pages["after logout"] = _page(client, "/account/login/")  # the flash message shows on the next shop page

    assert "Sie haben sich abgemeldet." in pages["after logout"]
    assert "Möchten Sie sich wirklich abmelden?" in pages["/account/logout/"]
    for label, content in pages.items():
        _assert_sie(label, content)


def test_german_cart_checkout_and_confirmation_say_sie(client, shop, mailoutbox, django_capture_on_commit_callbacks):
    add(client, shop.soap, 1)
    pages = {"/cart/": _page(client, "/cart/"), "/checkout/address/": _page(client, "/checkout/address/")}
    invalid = client.post("/checkout/address/", {"email": "erika@example.com", **ADDRESS, "shipping-postal_code": "1"})
    pages["address errors"] = invalid.content.decode()
    assert "gültige Postleitzahl" in pages["address errors"]
    review, token = to_review(client)
    pages["/checkout/delivery/"] = _page(client, "/checkout/delivery/")
    pages["/checkout/review/"] = review.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        placed = place(client, token)
    pages["confirmation"] = _page(client, placed["Location"])

    for label, content in pages.items():
        _assert_sie(label, content)
    assert mailoutbox
    for message in mailoutbox:
        _assert_sie(f"mail {message.subject}", f"{message.subject}\n{message.body}")


def test_german_verification_and_password_reset_mails_say_sie(client, make_shopper):
    client.post(
        "/account/signup/",
        {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR="10.3.0.1",
    )
    make_shopper(email="anna@example.com")
    Client().post("/account/password/reset/", {"email": "anna@example.com"}, REMOTE_ADDR="10.3.0.2")

    assert len(mail.outbox) == 2
    verification, reset = mail.outbox
    assert verification.subject == "[Naturwest] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "Bitte öffnen Sie diesen Link, um Ihre E-Mail-Adresse zu bestätigen:" in verification.body
    assert "Bitte öffnen Sie diesen Link, um ein neues Passwort zu wählen:" in reset.body
    for message in mail.outbox:
        _assert_sie(f"mail {message.subject}", f"{message.subject}\n{message.body}")


def _without_links(body: str) -> str:
    return re.sub(r"https?://\S+", "", body)


def test_verification_mail_greets_by_email_and_signs_with_the_site_url(client, settings, django_user_model):
    settings.SITE_URL = SITE_URL
    client.post(
        "/account/signup/",
        {"email": "erika.muster@example.com", "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR="10.4.0.1",
    )

    body = _without_links(mail.outbox[0].body)
    username = django_user_model.objects.get(email="erika.muster@example.com").username
    assert body.startswith("Guten Tag erika.muster@example.com,")
    assert "Kundenkonto bei shop.naturwest.example angegeben" in body
    assert "Ihr Naturwest-Team · shop.naturwest.example" in body
    # The request's host ("testserver" here, "127.0.0.1" on the dev server) is not the shop's address.
    assert "testserver" not in body
    assert "127.0.0.1" not in body
    assert username not in body.replace("erika.muster@example.com", "")


def test_mails_greet_the_customer_by_name(client, settings, make_shopper):
    settings.SITE_URL = SITE_URL
    named = make_shopper(email="anna@example.com")
    named.first_name, named.last_name = "Anna", "Berg"
    named.save()
    with_address = make_shopper(email="bernd@example.com")
    create_address(
        with_address,
        first_name="Bernd",
        last_name="Kraus",
        street="Hauptstr. 1",
        postal_code="10115",
        city="Berlin",
        country="DE",
    )
    EmailAddress.objects.filter(user=with_address).update(verified=False)

    Client().post("/account/password/reset/", {"email": "anna@example.com"}, REMOTE_ADDR="10.5.0.1")
    # An unverified shopper signing in gets the verification mail again.
    Client().post("/account/login/", {"login": "bernd@example.com", "password": PASSWORD}, REMOTE_ADDR="10.5.0.2")

    reset, verification = mail.outbox
    assert reset.body.startswith("Guten Tag Anna Berg,")
    assert verification.body.startswith("Guten Tag Bernd Kraus,")
    for message in (reset, verification):
        assert "Ihr Naturwest-Team · shop.naturwest.example" in message.body
        assert "testserver" not in _without_links(message.body)
