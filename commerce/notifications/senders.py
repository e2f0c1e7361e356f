"""Channel senders: turn one outbox row into a message. Templates live in templates/notifications/."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .attachments import attachment_for
from .models import Channel, Notification


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


def send_email(notification: Notification) -> None:
    subject, text, html = render_email(notification)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notification.recipients,
    )
    message.attach_alternative(html, "text/html")
    attachment = attachment_for(notification)
    if attachment is not None:
        message.attach(*attachment)
    message.send(fail_silently=False)


def send_whatsapp(notification: Notification) -> None:
    """Placeholder: WhatsApp (Twilio) is not connected yet; rows on this channel fail visibly."""
    raise NotImplementedError("WhatsApp notifications are not implemented yet (Twilio comes later).")


SENDERS = {Channel.EMAIL: send_email, Channel.WHATSAPP: send_whatsapp}
