"""Channel senders: turn one outbox row into a message. Templates live in templates/notifications/."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import Channel, Notification

# Kinds that carry the order's invoice PDF when one has been issued.
INVOICE_ATTACHED_KINDS = {"order_confirmation", "payment_received", "invoice_reminder"}


def render_email(notification: Notification) -> tuple[str, str, str]:
    """(subject, text, html) in the notification's language."""
    context = {
        **notification.context,
        "order": notification.order,
        "site_url": settings.SITE_URL,
        "notification": notification,
    }
    base = f"notifications/email/{notification.kind}"
    with translation.override(notification.language):
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    return subject, text, html


def invoice_attachment(notification: Notification) -> tuple[str, bytes, str] | None:
    if notification.kind == "credit_note":
        return credit_note_attachment(notification)
    if notification.kind not in INVOICE_ATTACHED_KINDS or notification.order_id is None:
        return None
    from commerce.orders.invoices import invoice_pdf_for

    found = invoice_pdf_for(notification.order)
    if found is None:
        return None
    filename, content = found
    return filename, content, "application/pdf"


def credit_note_attachment(notification: Notification) -> tuple[str, bytes, str] | None:
    """The credit note PDF the notification announces (its id is in the context)."""
    from commerce.orders.credit_notes import credit_note_pdf_bytes
    from commerce.orders.models import CreditNote

    credit_note = CreditNote.objects.filter(
        pk=notification.context.get("credit_note_id"), order_id=notification.order_id
    ).first()
    if credit_note is None:
        return None
    return credit_note.filename, credit_note_pdf_bytes(credit_note), "application/pdf"


def send_email(notification: Notification) -> None:
    subject, text, html = render_email(notification)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notification.recipients,
    )
    message.attach_alternative(html, "text/html")
    attachment = invoice_attachment(notification)
    if attachment is not None:
        message.attach(*attachment)
    message.send(fail_silently=False)


def send_whatsapp(notification: Notification) -> None:
    """Placeholder: WhatsApp (Twilio) is not connected yet; rows on this channel fail visibly."""
    raise NotImplementedError("WhatsApp notifications are not implemented yet (Twilio comes later).")


SENDERS = {Channel.EMAIL: send_email, Channel.WHATSAPP: send_whatsapp}
