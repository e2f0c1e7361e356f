"""The invoice and credit-note PDFs (reportlab), in the order's language, with everything §14 UStG asks for.

Seller name, address, VAT ID / tax number; buyer name and address (+ VAT ID for businesses);
invoice number and date; delivery date (the shipping date; before shipment the expected delivery,
never the issue date as if delivered); per line quantity, description, unit net, VAT rate and line
net; the shipping, one row per rate it was split over (as stored on the order); net and VAT per
rate; gross total; the reverse-charge note where it applies; then either "paid on …, nothing to
pay" or the payment terms with the bank details; at the foot the §35a GmbHG details (legal form,
seat, register court and number, managing directors). Every label, date and amount follows the order's
language (German "01.12.2026" / "12,98 €", English "1 December 2026" / "€12.98"). Only the built-in
Helvetica is used: no font files to ship.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from catalog.prices import format_money
from content.seller import country_label

from .models import CreditNote, Invoice


def _money(value) -> str:
    """The shop's one money format, in the active (the order's) language."""
    return format_money(Decimal(value))


def _rate(value) -> str:
    return f"{formats.number_format(Decimal(value).normalize(), use_l10n=True)} %"


def _date(value) -> str:
    """01.12.2026 in German, 1 December 2026 in English (no ambiguous 12/01/2026)."""
    if (get_language() or "de").startswith("de"):
        return formats.date_format(value, "d.m.Y")
    return formats.date_format(value, "j F Y")


def _lines(*parts: str) -> str:
    return "<br/>".join(escape(part) for part in parts if part)


def render_invoice_pdf(invoice: Invoice) -> bytes:
    order = invoice.order
    with translation.override(order.language or "de"):
        return _render(invoice, order)


def _document(buffer, *, title: str, author: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
    )


def seller_address(seller: dict) -> list[str]:
    """The seller's postal address from the snapshot, the country named in the active language.

    Snapshots from before the seller identity only have the printed lines (`address`)."""
    if "country" not in seller:
        return list(seller.get("address", []))
    city = f"{seller.get('postal_code', '')} {seller.get('city', '')}".strip()
    return [part for part in (seller.get("street", ""), city, country_label(seller["country"])) if part]


def company_details(seller: dict) -> str:
    """The §35a GmbHG line of business letters: legal form and seat, register court and number,
    every managing director (and the VAT ID, so the footer identifies the seller on its own)."""
    parts = [seller.get("name", "")]
    if seller.get("city"):
        parts.append(f"{_('Registered office')}: {seller['city']}")
    if seller.get("register_court"):
        parts.append(f"{_('Register court')}: {seller['register_court']}")
    if seller.get("register_number"):
        parts.append(f"{_('Register number')}: {seller['register_number']}")
    if seller.get("managing_directors"):
        parts.append(f"{_('Managing directors')}: {', '.join(seller['managing_directors'])}")
    if seller.get("vat_id"):
        parts.append(f"{_('VAT ID')}: {seller['vat_id']}")
    if seller.get("email"):
        parts.append(seller["email"])
    return " · ".join(part for part in parts if part)


def _company_footer(seller: dict, styles) -> list:
    details = company_details(seller)
    if not details:
        return []
    style = styles["BodyText"].clone("company-details", fontSize=7.5, leading=9.5)
    return [Spacer(1, 10 * mm), Paragraph(escape(details), style)]


def _parties(seller: dict, order, normal) -> list:
    """Seller (from the document's snapshot) and buyer blocks, the start of every document."""
    seller_ids = [f"{_('VAT ID')}: {seller['vat_id']}" if seller.get("vat_id") else ""]
    if seller.get("tax_number"):
        seller_ids.append(f"{_('Tax number')}: {seller['tax_number']}")
    if seller.get("trade_register") and "register_court" not in seller:
        seller_ids.append(seller["trade_register"])
    story = [Paragraph(_lines(seller.get("name", ""), *seller_address(seller), *seller_ids), normal)]
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
    return story


def _render(invoice: Invoice, order) -> bytes:
    styles = getSampleStyleSheet()
    normal, small = styles["Normal"], styles["BodyText"]
    seller = invoice.seller
    bank = seller.get("bank", {})
    buffer = BytesIO()
    doc = _document(buffer, title=f"{_('Invoice')} {invoice.number}", author=seller.get("name", ""))
    story = _parties(seller, order, normal)

    story.append(Paragraph(escape(f"{_('Invoice')} {invoice.number}"), styles["Heading1"]))
    facts = [
        f"{_('Invoice number')}: {invoice.number}",
        f"{_('Invoice date')}: {_date(timezone.localdate(invoice.issued_at))}",
        delivery_statement(invoice),
        f"{_('Order number')}: {order.number} ({_date(timezone.localdate(order.placed_at))})",
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
        # Paid: say so, and ask for nothing (no bank details, no payment reference).
        paid_on = _date(timezone.localdate(order.paid_at))
        story.append(Paragraph(escape(_("Paid on %(date)s — nothing left to pay.") % {"date": paid_on}), normal))
    else:
        if invoice.due_date is not None:
            days = (invoice.due_date - timezone.localdate(invoice.issued_at)).days
            payment = _("Payment terms: %(days)s days net, payable by %(date)s without deduction.") % {
                "days": days,
                "date": _date(invoice.due_date),
            }
        else:
            payment = ""
        reference = _("Please transfer the amount stating the invoice number %(number)s as the payment reference.") % {
            "number": invoice.number
        }
        story.append(Paragraph(_lines(payment, reference, *_bank_lines(bank)), normal))
    story.extend(_company_footer(seller, styles))
    doc.build(story)
    return buffer.getvalue()


def _bank_lines(bank: dict) -> list[str]:
    return [
        f"{_('Account holder')}: {bank.get('holder', '')}",
        f"IBAN: {bank.get('iban', '')}",
        f"BIC: {bank.get('bic', '')}" if bank.get("bic") else "",
        bank.get("bank", ""),
    ]


def delivery_statement(invoice: Invoice) -> str:
    """The time of supply (§14(4) Nr. 6 UStG) as it really is: the shipping date once shipped
    ("same as the invoice date" only when that is true); before shipment the expected delivery."""
    issued_on = timezone.localdate(invoice.issued_at)
    if invoice.delivery_date is not None:
        if invoice.delivery_date == issued_on:
            return _("Delivery date: same as the invoice date")
        return f"{_('Delivery date')}: {_date(invoice.delivery_date)}"
    if invoice.expected_delivery_by is not None:
        return _("Delivery date: the shipping date; delivery expected by %(date)s") % {
            "date": _date(invoice.expected_delivery_by)
        }
    return _("Delivery date: the shipping date")


def render_credit_note_pdf(credit_note: CreditNote) -> bytes:
    order = credit_note.order
    with translation.override(order.language or "de"):
        return _render_credit_note(credit_note, order)


def _render_credit_note(credit_note: CreditNote, order) -> bytes:
    """The correction of the invoice: its number and date, the refunded amount per VAT rate (negative)."""
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    invoice = credit_note.invoice
    title = _("Invoice correction")
    buffer = BytesIO()
    doc = _document(buffer, title=f"{title} {credit_note.number}", author=credit_note.seller.get("name", ""))
    story = _parties(credit_note.seller, order, normal)
    story.append(Paragraph(escape(f"{title} {credit_note.number}"), styles["Heading1"]))
    facts = [
        f"{_('Invoice correction number')}: {credit_note.number}",
        f"{_('Date')}: {_date(timezone.localdate(credit_note.issued_at))}",
        _("Corrects invoice %(number)s of %(date)s")
        % {"number": invoice.number, "date": _date(timezone.localdate(invoice.issued_at))},
        f"{_('Order number')}: {order.number} ({_date(timezone.localdate(order.placed_at))})",
    ]
    if credit_note.reason:
        facts.append(f"{_('Reason')}: {credit_note.reason}")
    story.append(Paragraph(_lines(*facts), normal))
    story.append(Spacer(1, 6 * mm))
    story.append(
        Paragraph(escape(_("We reduce the amount of the invoice named above by the following refund:")), normal)
    )
    story.append(Spacer(1, 4 * mm))

    rows = [[_("VAT rate"), _("Net amount"), _("VAT"), _("Gross amount")]]
    breakdown = sorted(credit_note.vat_breakdown.items(), key=lambda item: Decimal(item[0]), reverse=True)
    for rate, amounts in breakdown:
        rows.append([_rate(rate), *(_money(-Decimal(amounts[key])) for key in ("net", "vat", "gross"))])
    total = {key: sum((Decimal(a[key]) for _, a in breakdown), Decimal("0")) for key in ("net", "vat", "gross")}
    rows.append([_("Total"), *(_money(-total[key]) for key in ("net", "vat", "gross"))])
    table = Table(rows, colWidths=[40 * mm, 40 * mm, 40 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))
    if order.reverse_charge:
        note = order.reverse_charge_note or _("Reverse charge: the recipient of the supply is liable for the VAT.")
        story.append(Paragraph(escape(note), normal))
        story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            escape(
                _("The amount of %(amount)s is refunded to you; there is nothing for you to pay.")
                % {"amount": _money(credit_note.amount_gross)}
            ),
            normal,
        )
    )
    story.extend(_company_footer(credit_note.seller, styles))
    doc.build(story)
    return buffer.getvalue()
