"""Credit notes (invoice corrections): one numbered document per refund, kept private and e-mailed.

Every refund that gives money back calls `issue_credit_note` (payment refunds through
`integrations.payments.services.refund`, which the staff refund action in the admin uses).
In German VAT law the document is a "Rechnungskorrektur" of the seller's own invoice (§14(2),
§17 UStG); it is never titled "Gutschrift" alone, which §14(2) Satz 2 UStG reserves for a
buyer's self-billing. It names the invoice it corrects, its own number (KR-…, its own gap-free
range) and the refunded amount per VAT rate, printed negative.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from commerce.pricing.money import net_from_gross

from .invoices import issue_invoice
from .lock_objects import order_for_update
from .models import CreditNote, Order
from .numbering import next_number
from .totals import money

logger = logging.getLogger(__name__)


class NotCreditable(ValueError):
    """The amount is not positive or more than the invoice still holds."""


def split_by_rate(vat_breakdown: dict, amount: Decimal) -> dict:
    """`amount` (gross) spread over the invoice's VAT rates pro rata to their gross; the rounding
    remainder goes to the largest share, so the parts add up to `amount` exactly."""
    rates = sorted(vat_breakdown.items(), key=lambda item: Decimal(item[1]["gross"]), reverse=True)
    total = sum((Decimal(amounts["gross"]) for _, amounts in rates), Decimal("0"))
    if total <= 0:
        raise NotCreditable("the invoice has no gross amount to correct")
    shares = {rate: money(amount * Decimal(amounts["gross"]) / total) for rate, amounts in rates}
    shares[rates[0][0]] += amount - sum(shares.values(), Decimal("0"))
    result = {}
    for rate, gross in shares.items():
        if gross == 0:
            continue
        net = net_from_gross(gross, Decimal(rate))
        result[rate] = {"net": str(net), "vat": str(gross - net), "gross": str(gross)}
    return result


def refund_breakdown(order: Order, amount: Decimal) -> dict:
    """The refund per VAT rate. The refund that completes the invoice takes exactly what the earlier
    credit notes left of each rate, so all corrections together cancel the invoice to the cent."""
    credited = credited_total(order)
    if credited + amount != order.total_gross:
        return split_by_rate(order.vat_breakdown, amount)
    rest = {}
    for rate, amounts in order.vat_breakdown.items():
        part = {key: Decimal(amounts[key]) for key in ("net", "vat", "gross")}
        for earlier in CreditNote.objects.filter(order_id=order.pk).values_list("vat_breakdown", flat=True):
            for key in part:
                part[key] -= Decimal(earlier.get(rate, {}).get(key, "0"))
        if part["gross"]:
            rest[rate] = {key: str(value) for key, value in part.items()}
    return rest


def credited_total(order: Order) -> Decimal:
    total = CreditNote.objects.filter(order_id=order.pk).aggregate(total=Sum("amount_gross"))["total"]
    return total or Decimal("0.00")


def issue_credit_note(order: Order, amount: Decimal, *, source: str, reason: str = "") -> CreditNote:
    """The credit note for one refund of `amount` (gross), created once per `source` (e.g. "refund:42").

    Issues the invoice first if the order has none yet (a refund corrects an invoice). The order row
    is locked, then the number is taken last, as for invoices: concurrent refunds get distinct,
    gap-free numbers, and the credited total never exceeds the invoice. The PDF is rendered outside
    the lock; after commit the customer gets it by e-mail.
    """
    amount = money(Decimal(amount))
    existing = CreditNote.objects.filter(source=source).first()
    if existing is not None:
        return existing
    invoice = issue_invoice(order)
    with transaction.atomic():
        locked = order_for_update(order.pk).get()
        existing = CreditNote.objects.filter(source=source).first()
        if existing is None:
            if amount <= 0:
                raise NotCreditable("a credit note needs a positive amount")
            if credited_total(locked) + amount > locked.total_gross:
                raise NotCreditable(f"order {locked.number}: more credited than invoiced")
            existing = CreditNote.objects.create(
                order=locked,
                invoice=invoice,
                issued_at=timezone.now(),
                amount_gross=amount,
                vat_breakdown=refund_breakdown(locked, amount),
                source=source,
                reason=reason,
                # The seller as printed on the corrected invoice: one identity across both documents.
                seller=invoice.seller,
                number=next_number("credit_note"),
            )
            credit_note_id = existing.pk
            transaction.on_commit(lambda: send_credit_note(credit_note_id), robust=True)
    if not existing.pdf:
        try:
            store_pdf(existing)
        except Exception:  # the number and the row stand; the PDF is rendered again on first download
            logger.exception("credit note %s: PDF could not be rendered", existing.number)
    return existing


def send_credit_note(credit_note_id: int):
    """E-mail the credit note to the customer, in the order's language, with the PDF attached (once)."""
    from .notifications import notify_order

    credit_note = CreditNote.objects.select_related("order", "invoice").get(pk=credit_note_id)
    return notify_order(
        "credit_note",
        credit_note.order,
        dedupe_key=f"credit_note:{credit_note.pk}",
        credit_note_id=credit_note.pk,
        number=credit_note.number,
        amount=str(credit_note.amount_gross),
        invoice_number=credit_note.invoice.number,
    )


def store_pdf(credit_note: CreditNote) -> None:
    from .invoice_pdf import render_credit_note_pdf

    content = render_credit_note_pdf(credit_note)
    credit_note.pdf.save(credit_note.filename, ContentFile(content), save=False)
    CreditNote.objects.filter(pk=credit_note.pk).update(pdf=credit_note.pdf.name)


def stored_pdf(credit_note: CreditNote):
    """The PDF in the private storage, rendered again first if it was never stored or is lost."""
    if not credit_note.pdf or not credit_note.pdf.storage.exists(credit_note.pdf.name):
        store_pdf(credit_note)
    return credit_note.pdf


def credit_note_pdf_bytes(credit_note: CreditNote) -> bytes:
    with stored_pdf(credit_note).open("rb") as handle:
        return handle.read()
