"""The order documents e-mails carry: the invoice PDF once issued, the credit note it announces."""

from __future__ import annotations

from commerce.notifications.attachments import Attachment, register_attachment

from .credit_notes import credit_note_pdf_bytes
from .invoices import invoice_pdf_for
from .models import CreditNote

# Kinds that carry the order's invoice PDF when one has been issued.
INVOICE_ATTACHED_KINDS = ("order_confirmation", "payment_received", "invoice_reminder")


def invoice_attachment(notification) -> Attachment | None:
    if notification.order_id is None:
        return None
    found = invoice_pdf_for(notification.order)
    if found is None:
        return None
    filename, content = found
    return filename, content, "application/pdf"


def credit_note_attachment(notification) -> Attachment | None:
    """The credit note PDF the notification announces (its id is in the context)."""
    credit_note = CreditNote.objects.filter(
        pk=notification.context.get("credit_note_id"), order_id=notification.order_id
    ).first()
    if credit_note is None:
        return None
    return credit_note.filename, credit_note_pdf_bytes(credit_note), "application/pdf"


def register() -> None:
    register_attachment(INVOICE_ATTACHED_KINDS, invoice_attachment)
    register_attachment(["credit_note"], credit_note_attachment)
