"""What happens around an order after a provider acted: emails, invoice, staff alerts.

These belong to other rooms of the shop (commerce.notifications, commerce.orders.notifications,
invoicing), which may not be installed in every branch or deployment. Each call is looked up
lazily and falls back to a plain email, so payments and shipping never break because an
optional room is missing. All of them are meant to run after commit (transaction.on_commit).

TODO(merge): once commerce.notifications and the invoice/confirmation helpers are on main, the
fallbacks here are dead code for the shop and only keep this app testable on its own.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger("integrations.orders")


def _optional(dotted: str):
    try:
        return import_string(dotted)
    except ImportError:
        return None


def _notify():
    if not apps.is_installed("commerce.notifications"):
        return None
    return _optional("commerce.notifications.services.notify")


def staff_recipients() -> list[str]:
    return list(settings.STAFF_ALERT_EMAILS) or [email for _name, email in getattr(settings, "ADMINS", [])]


def alert_staff(subject: str, message: str, *, order=None, dedupe_key: str) -> None:
    """Tell staff something needs a human (money for a cancelled order, a failed parcel, a lost parcel)."""
    logger.warning("staff alert: %s — %s", subject, message)
    notify = _notify()
    recipients = staff_recipients()
    if notify is not None:
        for recipient in recipients:
            notify(
                "staff_alert",
                order=order,
                to=recipient,
                context={"subject": subject, "message": message},
                language="de",
                dedupe_key=f"{dedupe_key}:{recipient}",
            )
        return
    if recipients:
        send_mail(f"[Naturwest] {subject}", message + "\n", None, recipients)


def notify_customer(kind: str, order, *, dedupe_key: str, context: dict | None = None) -> None:
    """`order_shipped`, `order_delivered`, `invoice_reminder`, … through the outbox; plain email otherwise."""
    context = {"order_number": order.number, **(context or {})}
    notify = _notify()
    if notify is not None:
        notify(kind, order=order, to=order.email, context=context, language=order.language, dedupe_key=dedupe_key)
        return
    with translation.override(order.language):
        subjects = {
            "order_shipped": _("Your order %(number)s is on its way"),
            "order_delivered": _("Your order %(number)s has been delivered"),
            "invoice_reminder": _("Payment reminder for order %(number)s"),
            "payment_received": _("Payment received for order %(number)s"),
        }
        subject = str(subjects.get(kind, _("Your order %(number)s"))) % {"number": order.number}
        lines = [subject]
        if context.get("tracking_url"):
            lines.append(context["tracking_url"])
        if context.get("due_date"):
            lines.append(_("Due date: %(date)s") % {"date": context["due_date"]})
    send_mail(subject, "\n".join(lines) + "\n", None, [order.email])


def send_order_confirmation(order) -> None:
    """The confirmation email (owned by the orders-after-placement room), or a short fallback."""
    send = _optional("commerce.orders.notifications.send_order_confirmation")
    if send is not None:
        if _buyer_already_told_of_payment(order):
            # commerce.orders' mark_paid already queued its "payment received" email (invoice
            # attached) for this payment: one email per event, not a second confirmation.
            return
        send(order)
        return
    notify_customer("payment_received", order, dedupe_key=f"payment_received:{order.number}")


def _buyer_already_told_of_payment(order) -> bool:
    if not apps.is_installed("commerce.notifications"):
        return False
    notification = apps.get_model("notifications", "Notification")
    return notification.objects.filter(order=order, kind="payment_received").exists()


def issue_invoice(order) -> None:
    """Invoice issuing belongs to the invoicing room; absent, the order simply has no invoice yet."""
    for dotted in ("commerce.invoices.services.issue_invoice", "commerce.orders.invoices.issue_invoice"):
        issue = _optional(dotted)
        if issue is not None:
            issue(order)
            return
    logger.info("no invoicing installed; order %s gets no invoice here", order.number)
