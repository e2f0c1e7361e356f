"""Credit notes (invoice corrections): numbered per refund, referencing the invoice, private, e-mailed, listed."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from commerce.orders.credit_notes import NotCreditable, credit_note_pdf_bytes, issue_credit_note, split_by_rate
from commerce.orders.models import CreditNote
from commerce.orders.services import mark_paid

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_documents(document_roots):
    return document_roots


def _text(credit_note: CreditNote) -> str:
    reader = PdfReader(BytesIO(credit_note_pdf_bytes(credit_note)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _paid(language="de", **kwargs):
    order = order_for(make_variant(price="45.01"), language=language, **kwargs)  # + 4.99 shipping = 50.00
    mark_paid(order, actor="system")
    return order


def test_refund_creates_the_next_numbered_credit_note_referencing_the_invoice():
    order = _paid()

    credit_note = issue_credit_note(order, Decimal("50.00"), source="refund:1")

    year = timezone.localdate().year
    assert credit_note.number == f"KR-{year}-000001"
    assert credit_note.invoice == order.invoice
    assert credit_note.amount_gross == Decimal("50.00")
    assert credit_note.vat_breakdown == order.vat_breakdown
    assert credit_note.pdf.storage is not None and "credit_notes/" in credit_note.pdf.name


def test_two_partial_refunds_get_two_numbers_that_add_up():
    order = _paid()

    first = issue_credit_note(order, Decimal("10.00"), source="refund:1")
    second = issue_credit_note(order, Decimal("15.50"), source="refund:2")

    assert [first.number[-6:], second.number[-6:]] == ["000001", "000002"]
    for credit_note in (first, second):
        parts = credit_note.vat_breakdown.values()
        assert sum(Decimal(part["gross"]) for part in parts) == credit_note.amount_gross
        assert all(Decimal(part["net"]) + Decimal(part["vat"]) == Decimal(part["gross"]) for part in parts)


def test_the_same_refund_replayed_creates_no_second_credit_note():
    order = _paid()

    first = issue_credit_note(order, Decimal("10.00"), source="refund:7")
    again = issue_credit_note(order, Decimal("10.00"), source="refund:7")

    assert first.pk == again.pk
    assert CreditNote.objects.count() == 1


def test_credit_notes_never_exceed_the_invoice():
    order = _paid()
    issue_credit_note(order, Decimal("45.00"), source="refund:1")

    with pytest.raises(NotCreditable):
        issue_credit_note(order, Decimal("5.01"), source="refund:2")

    assert CreditNote.objects.count() == 1


def test_the_last_refund_cancels_the_invoice_to_the_cent_per_rate():
    order = _paid()

    notes = [
        issue_credit_note(order, Decimal(amount), source=f"refund:{i}") for i, amount in enumerate(["0.01", "49.99"])
    ]

    for rate, amounts in order.vat_breakdown.items():
        for key in ("net", "vat", "gross"):
            assert sum(Decimal(note.vat_breakdown.get(rate, {}).get(key, "0")) for note in notes) == Decimal(
                amounts[key]
            )


def test_amount_is_split_over_the_invoice_rates_pro_rata():
    breakdown = {
        "19.00": {"net": "10.00", "vat": "1.90", "gross": "11.90"},
        "7.00": {"net": "10.00", "vat": "0.70", "gross": "10.70"},
    }

    split = split_by_rate(breakdown, Decimal("11.30"))

    assert split["19.00"]["gross"] == "5.95"
    assert split["7.00"]["gross"] == "5.35"
    assert split["7.00"] == {"net": "5.00", "vat": "0.35", "gross": "5.35"}


def test_german_credit_note_pdf_names_the_invoice_and_the_negative_amounts():
    order = _paid("de")
    credit_note = issue_credit_note(order, Decimal("50.00"), source="refund:1")
    invoice_date = timezone.localdate(order.invoice.issued_at).strftime("%d.%m.%Y")

    text = _text(credit_note)

    assert f"Rechnungskorrektur {credit_note.number}" in text
    assert f"Korrigiert die Rechnung {order.invoice.number} vom {invoice_date}" in text
    row = order.vat_breakdown["19.00"]
    assert f"-{row['net'].replace('.', ',')} €" in text
    assert f"-{row['vat'].replace('.', ',')} €" in text
    assert "-50,00 €" in text
    assert "Gutschrift" not in text
    for english in ["Invoice correction", "Corrects invoice", "Net amount", "refunded"]:
        assert english not in text, english


def test_english_credit_note_pdf_is_in_english():
    order = _paid("en")
    credit_note = issue_credit_note(order, Decimal("10.00"), source="refund:1")
    issued = timezone.localdate(order.invoice.issued_at)

    text = _text(credit_note)

    assert f"Invoice correction {credit_note.number}" in text
    assert f"Corrects invoice {order.invoice.number} of {issued.day} {issued.strftime('%B')} {issued.year}" in text
    assert "€-10.00" in text or "-€10.00" in text
    for german in ["Rechnungskorrektur", "Korrigiert", "Nettobetrag", "erstattet"]:
        assert german not in text, german


def test_credit_note_is_emailed_with_the_pdf_in_the_orders_language(django_capture_on_commit_callbacks):
    order = _paid("de", email="erika@example.com")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        credit_note = issue_credit_note(order, Decimal("10.00"), source="refund:1")

    [message] = mail.outbox
    assert message.to == ["erika@example.com"]
    assert message.subject == f"Rechnungskorrektur {credit_note.number} zur Bestellung {order.number}"
    assert "10,00\N{NO-BREAK SPACE}€" in message.body and order.invoice.number in message.body
    assert "&" not in message.body  # text part rendered without HTML escaping
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"{credit_note.number}.pdf", "application/pdf")
    assert content == credit_note_pdf_bytes(credit_note)


@pytest.fixture
def owner_and_stranger(django_user_model):
    owner = django_user_model.objects.create_user("owner", "owner@example.com", "pw-123456789")
    stranger = django_user_model.objects.create_user("stranger", "stranger@example.com", "pw-123456789")
    return owner, stranger


def test_account_page_links_the_credit_note_and_only_the_owner_downloads_it(client, owner_and_stranger):
    owner, stranger = owner_and_stranger
    order = _paid("de", user=owner, email="owner@example.com")
    credit_note = issue_credit_note(order, Decimal("10.00"), source="refund:1")
    url = reverse("orders:credit_note", args=[order.uuid, credit_note.number])

    anonymous = client.get(url)
    client.force_login(stranger)
    foreign = client.get(url)
    client.force_login(owner)
    page = client.get(reverse("orders:detail", args=[order.uuid]))
    served = client.get(url)

    assert anonymous.status_code == 302 and reverse("account_login") in anonymous["Location"]
    assert foreign.status_code == 404
    assert url in page.content.decode()
    assert served.status_code == 200
    assert "no-store" in served["Cache-Control"]
    assert b"".join(served.streaming_content) == credit_note_pdf_bytes(credit_note)


def test_a_credit_note_number_of_another_order_is_not_served(client, owner_and_stranger):
    owner, stranger = owner_and_stranger
    own = _paid("de", user=owner, email="owner@example.com")
    foreign = _paid("de", user=stranger, email="stranger@example.com")
    foreign_note = issue_credit_note(foreign, Decimal("10.00"), source="refund:1")
    client.force_login(owner)

    response = client.get(reverse("orders:credit_note", args=[own.uuid, foreign_note.number]))

    assert response.status_code == 404


def test_staff_inspect_page_links_the_credit_note_and_staff_download_it(admin_client, client, owner_and_stranger):
    order = _paid("de")
    credit_note = issue_credit_note(order, Decimal("10.00"), source="refund:1")
    url = reverse("orders_order:credit_note", args=[order.pk, credit_note.number])
    client.force_login(owner_and_stranger[1])

    inspect = admin_client.get(reverse("orders_order:inspect", args=[order.pk])).content.decode()
    response = admin_client.get(url)
    refused = client.get(url)

    assert url in inspect
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == credit_note_pdf_bytes(credit_note)
    assert refused.status_code in (302, 403)
