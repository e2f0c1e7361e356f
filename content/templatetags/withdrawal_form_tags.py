"""The model withdrawal form's text for the page block (the same text as the PDF)."""

from __future__ import annotations

from django import template

from content.withdrawal_form import withdrawal_form_text

register = template.Library()


@register.simple_tag
def withdrawal_form(identity) -> dict:
    return withdrawal_form_text(identity)
