"""Forms of the online withdrawal function: finding a guest's order, and the declaration (step one)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import WITHDRAWAL_MESSAGES, WithdrawalErrorCode

WHOLE_ORDER = "whole"
SOME_LINES = "lines"


class WithdrawalLookupForm(forms.Form):
    """Guests name their order by its number and the e-mail address it was placed with."""

    order_number = forms.CharField(
        label=_("Order number"),
        max_length=30,
        help_text=_("As in your order confirmation, e.g. NW-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("E-mail address used for the order"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class WithdrawalDeclarationForm(forms.Form):
    """Step one: who withdraws, from what, and where the acknowledgement goes."""

    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    scope = forms.ChoiceField(
        label=_("What do you want to withdraw from?"),
        choices=[(WHOLE_ORDER, _("The whole order")), (SOME_LINES, _("Only the items chosen below"))],
        initial=WHOLE_ORDER,
        widget=forms.RadioSelect,
    )
    lines = forms.TypedMultipleChoiceField(
        label=_("Items"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only needed when you withdraw from some items."),
    )
    email = forms.EmailField(
        label=_("E-mail address for the acknowledgement"),
        help_text=_("We send the acknowledgement of your withdrawal to this address straight away."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, order_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(line.pk, line_label(line)) for line in order_lines]

    def clean(self):
        data = super().clean()
        if data.get("scope") == SOME_LINES and not data.get("lines"):
            self.add_error("lines", WITHDRAWAL_MESSAGES[WithdrawalErrorCode.NO_LINES])
        return data

    def line_ids(self) -> list[int] | None:
        """None for the whole order, else the chosen order line ids."""
        if self.cleaned_data["scope"] == WHOLE_ORDER:
            return None
        return list(self.cleaned_data["lines"])


def line_label(line) -> str:
    description = f"{line.product_title} {line.variant_label}".strip()
    return f"{line.quantity} × {description} ({line.sku})"
