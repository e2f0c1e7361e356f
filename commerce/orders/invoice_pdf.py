"""The invoice PDF (reportlab), in the order's language, with everything §14 UStG asks for.

Seller name, address, VAT ID / tax number; buyer name and address (+ VAT ID for businesses);
invoice number and date; delivery date; per line quantity, description, unit net, VAT rate and
line net; the shipping, one row per rate it was split over (as stored on the order); net and VAT
per rate; gross total; the reverse-charge note where it applies; payment terms or "paid"; bank
details. Only the built-in Helvetica is used: no font files to ship.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Invoice


def _money(value) -> str:
    return f"{formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)} €"


def _rate(value) -> str:
    return f"{formats.number_format(Decimal(value).normalize(), use_l10n=True)} %"


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT", use_l10n=True)


def _lines(*parts: str) -> str:
    return "<br/>".join(escape(part) for part in parts if part)


def render_invoice_pdf(invoice: Invoice) -> bytes:
    order = invoice.order
    with translation.override(order.language or "de"):
        return _render(invoice, order)


def _render(invoice: Invoice, order) -> bytes:
    styles = getSampleStyleSheet()
    normal, small = styles["Normal"], styles["BodyText"]
    seller = invoice.seller
    bank = seller.get("bank", {})
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{_('Invoice')} {invoice.number}",
        author=seller.get("name", ""),
    )
    story = []
    seller_ids = [f"{_('VAT ID')}: {seller['vat_id']}" if seller.get("vat_id") else ""]
    if seller.get("tax_number"):
        seller_ids.append(f"{_('Tax number')}: {seller['tax_number']}")
    if seller.get("trade_register"):
        seller_ids.append(seller["trade_register"])
    story.append(Paragraph(_lines(seller.get("name", ""), *seller.get("address", []), *seller_ids), normal))
    story.append(Spacer(1, 8 * mm))

    billing = order.billing_address
    buyer = [
        billing.company or order.company_name,
        f"{billing.first_name} {billing.last_name}".strip(),
        billing.street,
        billing.street2,
        f"{billing.postal_code} {billing.city}".strip(),
        billing.country,
    ]
    if order.company_vat_id:
        buyer.append(f"{_('Your VAT ID')}: {order.company_vat_id}")
    story.append(Paragraph(_lines(*buyer), normal))
    story.append(Spacer(1, 8 * mm))

    story.append(Paragraph(escape(f"{_('Invoice')} {invoice.number}"), styles["Heading1"]))
    facts = [
        f"{_('Invoice number')}: {invoice.number}",
        f"{_('Invoice date')}: {_date(invoice.issued_at.date())}",
        f"{_('Delivery date')}: {_date(invoice.delivery_date)}",
        f"{_('Order number')}: {order.number} ({_date(order.placed_at.date())})",
    ]
    story.append(Paragraph(_lines(*facts), normal))
    story.append(Spacer(1, 6 * mm))

    rows = [[_("Qty"), _("Description"), _("Unit net"), _("VAT"), _("Line net")]]
    for line in order.lines.all():
        description = f"{line.product_title} {line.variant_label}".strip() + f" ({line.sku})"
        rows.append(
            [
                str(line.quantity),
                Paragraph(escape(description), small),
                _money(line.unit_net),
                _rate(line.vat_rate),
                _money(line.line_net),
            ]
        )
    shipping_parts = sorted(order.shipping_vat_breakdown.items(), key=lambda item: Decimal(item[0]), reverse=True)
    for rate, amounts in shipping_parts:
        label = f"{_('Shipping')}: {order.shipping_method_name}"
        if len(shipping_parts) > 1:
            label += " " + _("(share at %(rate)s)") % {"rate": _rate(rate)}
        rows.append(
            [
                "1",
                Paragraph(escape(label), small),
                _money(amounts["net"]),
                _rate(rate),
                _money(amounts["net"]),
            ]
        )
    table = Table(rows, colWidths=[14 * mm, 78 * mm, 26 * mm, 16 * mm, 26 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))

    totals = []
    for rate, amounts in sorted(order.vat_breakdown.items(), key=lambda item: Decimal(item[0]), reverse=True):
        totals.append([f"{_('Net amount')} {_rate(rate)}", _money(amounts["net"])])
        totals.append([f"{_('VAT')} {_rate(rate)}", _money(amounts["vat"])])
    totals.append([_("Total net"), _money(order.total_net)])
    totals.append([_("Total VAT"), _money(order.total_vat)])
    totals.append([_("Total gross"), _money(order.total_gross)])
    totals_table = Table(totals, colWidths=[134 * mm, 26 * mm])
    totals_table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    story.append(totals_table)
    story.append(Spacer(1, 6 * mm))

    if order.reverse_charge:
        note = order.reverse_charge_note or _("Reverse charge: the recipient of the supply is liable for the VAT.")
        story.append(Paragraph(escape(note), normal))
        story.append(Spacer(1, 4 * mm))

    if order.paid_at is not None:
        payment = _("Paid on %(date)s. Thank you.") % {"date": _date(order.paid_at.date())}
    elif invoice.due_date is not None:
        days = (invoice.due_date - invoice.issued_at.date()).days
        payment = _("Payment terms: %(days)s days net, payable by %(date)s without deduction.") % {
            "days": days,
            "date": _date(invoice.due_date),
        }
    else:
        payment = ""
    reference = _("Please state the invoice number %(number)s as the payment reference.") % {"number": invoice.number}
    bank_lines = [
        f"{_('Account holder')}: {bank.get('holder', '')}",
        f"IBAN: {bank.get('iban', '')}",
        f"BIC: {bank.get('bic', '')}" if bank.get("bic") else "",
        bank.get("bank", ""),
    ]
    story.append(Paragraph(_lines(payment, reference, *bank_lines), normal))
    doc.build(story)
    return buffer.getvalue()
