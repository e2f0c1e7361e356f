"""The plain-text part of every e-mail is plain text: no HTML entities, amounts in the mail's language."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from commerce.notifications.models import Notification, NotificationKind
from commerce.notifications.senders import render_email, send_email
from commerce.orders.models import Address
from commerce.orders.tests.factories import make_variant, order_for

pytestmark = pytest.mark.django_db

NAME = "Anna-Lena O'Brien & Söhne"
COMPANY = "O'Brien & Söhne <Naturkost> GmbH"
PRODUCT = 'Öl & Seife "Rose" l\'original'
TRACKING_URL = "https://tracking.example/?parcel=1&lang=de"
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
EMAIL_TEXT_TEMPLATES = [
    *sorted((Path(settings.BASE_DIR) / "templates/notifications/email").glob("*.txt")),
    *sorted((Path(settings.BASE_DIR) / "templates/account/email").glob("*.txt")),
]

# What each kind must show verbatim in its text part.
CONTEXTS = {
    "b2b_application_received": {"contact_name": NAME, "company_name": COMPANY, "vat_id": "DE123456789"},
    "b2b_application_approved": {"contact_name": NAME, "company_name": COMPANY, "vat_id": "DE123456789"},
    "b2b_application_rejected": {"contact_name": NAME, "company_name": COMPANY, "vat_id": "DE123456789"},
    "staff_alert": {"subject": f"New B2B application: {COMPANY}", "message": f"{COMPANY} applied", "url": TRACKING_URL},
    "low_stock_report": {"rows": [{"sku": "OEL-1", "stock": 2, "threshold": 5, "title": PRODUCT}]},
    "credit_note": {"number": "KR-2026-000001", "amount": "4.89", "invoice_number": "RE-2026-000001"},
    "withdrawal_received": {
        "name": NAME,
        "order_number": "NW-2026-000001",
        "lines": [f"1 × {PRODUCT} (SKU-1)"],
        "declared_on": "3 December 2026, 14:05 CET",
        "refund_due_by": "17.12.2026",
    },
}
ORDER_KINDS = {
    "order_confirmation",
    "payment_received",
    "order_shipped",
    "order_delivered",
    "order_cancelled",
    "invoice_reminder",
    "credit_note",
    "withdrawal_received",
}
EXPECTED = {
    "order_confirmation": [NAME, PRODUCT],
    "payment_received": [NAME],
    "order_shipped": [NAME, TRACKING_URL],
    "order_delivered": [NAME],
    "order_cancelled": [NAME],
    "invoice_reminder": [],
    "credit_note": [NAME, "KR-2026-000001", "RE-2026-000001"],
    "b2b_application_received": [NAME, COMPANY],
    "b2b_application_approved": [NAME, COMPANY],
    "b2b_application_rejected": [NAME, COMPANY],
    "staff_alert": [COMPANY, TRACKING_URL],
    "low_stock_report": [PRODUCT],
    "withdrawal_received": [NAME, PRODUCT, "NW-2026-000001", "3 December 2026, 14:05 CET"],
}


@pytest.fixture
def order():
    """4.89 gross at 19 %: 4.11 net + 0.78 VAT, billed to a name with an apostrophe and an ampersand."""
    billing = Address(first_name=NAME, last_name="Berg", street="Hauptstr. 1", postal_code="10115", city="Berlin")
    order = order_for(make_variant(price="4.89"), billing_address=billing)
    order.lines.update(product_title=PRODUCT)
    order.vat_breakdown = {"19": {"net": "4.11", "vat": "0.78", "gross": "4.89"}}
    order.shipping_gross = order.shipping_net = Decimal("0.00")
    order.total_gross = Decimal("4.89")
    order.tracking_number = "JJD000390007"
    order.tracking_url = TRACKING_URL
    order.save()
    return order


def notification_for(kind: str, language: str, order) -> Notification:
    return Notification.objects.create(
        kind=kind,
        recipient="anna@example.com",
        language=language,
        order=order if kind in ORDER_KINDS else None,
        context=CONTEXTS.get(kind, {}),
    )


def test_every_kind_is_covered():
    assert set(EXPECTED) == set(NotificationKind.values)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", NotificationKind.values)
def test_text_part_and_subject_carry_no_html_entities(kind, language, order):
    subject, text, html = render_email(notification_for(kind, language, order))

    assert ENTITY.findall(subject) == []
    assert ENTITY.findall(text) == []
    for expected in EXPECTED[kind]:
        assert expected in text
    if EXPECTED[kind]:
        assert ENTITY.search(html)  # the HTML part stays escaped


def test_the_sent_message_body_is_the_unescaped_text(order):
    send_email(notification_for("order_confirmation", "de", order))

    [message] = mail.outbox
    assert message.body.startswith(f"Hallo {NAME},")
    assert "Anna-Lena O&#x27;Brien &amp; Söhne" in message.alternatives[0].content


@pytest.mark.parametrize(
    ("language", "vat", "total", "wrong"),
    [
        ("de", "0,78\N{NO-BREAK SPACE}€", "4,89\N{NO-BREAK SPACE}€", "0.78"),
        ("en", "€0.78", "€4.89", "0,78"),
    ],
)
def test_amounts_are_formatted_for_the_mails_language(order, language, vat, total, wrong):
    _subject, text, html = render_email(notification_for("order_confirmation", language, order))

    assert re.search(rf" 19 % .*: {re.escape(vat)}$", text, re.MULTILINE)
    assert re.search(rf": {re.escape(total)}$", text, re.MULTILINE)
    assert wrong not in text
    assert vat in html and total in html


@pytest.mark.parametrize("path", EMAIL_TEXT_TEMPLATES, ids=lambda path: path.name)
def test_every_text_email_template_turns_autoescape_off(path):
    assert _renders_without_autoescape(path), f"{path.name} renders its text with autoescape on"


def _renders_without_autoescape(path: Path) -> bool:
    """Turns it off around all of its text, or only extends or includes a template that does."""
    source = path.read_text().strip()
    if source.startswith("{% autoescape off %}") or (
        source.startswith("{% load") and "%}{% autoescape off %}" in source.split("\n", 1)[0]
    ):
        return source.endswith("{% endautoescape %}")
    wrapper = re.match(r'\{% (extends|include) "([^"]+)" %\}', source)
    if wrapper is None:
        return False
    if wrapper[1] == "include" and source != wrapper[0]:
        return False  # text beside the include would be escaped
    return _renders_without_autoescape(Path(settings.BASE_DIR) / "templates" / wrapper[2])
