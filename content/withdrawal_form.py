"""The model withdrawal form (Muster-Widerrufsformular, Anlage 2 zu Art. 246a §1 Abs. 2 S. 1 Nr. 1 EGBGB).

The statutory wording is fixed; only the addressee is the trader's to fill in, and it comes from
the seller identity. The same text renders as a page block and as a PDF, in German (the wording of
Anlage 2 EGBGB) or English (Annex I(B) of Directive 2011/83/EU).
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from content.seller import SellerIdentity, seller_identity


def addressee_lines(identity: SellerIdentity) -> list[str]:
    """Name, postal address and e-mail of the trader, as the form's "An" line asks for."""
    lines = [identity.display_name, *identity.address_lines]
    if identity.email:
        lines.append(_("E-mail: %(email)s") % {"email": identity.email})
    return [line for line in lines if line]


def withdrawal_form_text(identity: SellerIdentity) -> dict:
    """The form in the active language: title, instruction, addressee, the lines to complete, footnote."""
    return {
        "title": _("Model withdrawal form"),
        "instruction": _("(complete and return this form only if you wish to withdraw from the contract)"),
        "to": _("To"),
        "addressee": addressee_lines(identity),
        "items": [
            _(
                "I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the "
                "following goods (*)/for the provision of the following service (*),"
            ),
            _("Ordered on (*)/received on (*),"),
            _("Name of consumer(s),"),
            _("Address of consumer(s),"),
            _("Signature of consumer(s) (only if this form is notified on paper),"),
            _("Date"),
        ],
        "footnote": _("(*) Delete as appropriate."),
    }


def render_withdrawal_form_pdf(language: str, identity: SellerIdentity | None = None) -> bytes:
    """The form as a one-page A4 PDF in `language`, with lines to write on."""
    identity = identity or seller_identity()
    with translation.override(language):
        text = withdrawal_form_text(identity)
        styles = getSampleStyleSheet()
        normal = styles["Normal"]
        buffer = BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=text["title"],
            author=identity.display_name,
        )
        story = [Paragraph(escape(text["title"]), styles["Heading1"]), Paragraph(escape(text["instruction"]), normal)]
        story.append(Spacer(1, 6 * mm))
        addressee = "<br/>".join(escape(line) for line in text["addressee"])
        story.append(Paragraph(f"– {escape(text['to'])}:<br/>{addressee}", normal))
        for item in text["items"]:
            story.append(Spacer(1, 5 * mm))
            story.append(Paragraph(f"– {escape(item)}", normal))
            story.append(Spacer(1, 3 * mm))
            story.append(Paragraph("_" * 80, normal))
        story.append(Spacer(1, 8 * mm))
        story.append(Paragraph(escape(text["footnote"]), normal))
        doc.build(story)
    return buffer.getvalue()


def withdrawal_form_filename(language: str) -> str:
    return "widerrufsformular.pdf" if language.startswith("de") else "withdrawal-form.pdf"
