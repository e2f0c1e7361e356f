"""Postal code formats of the countries the shop delivers to.

Formats follow each country's postal service (Universal Postal Union addressing data). A code is
normalised (upper case, single spaces) before it is checked, so "1234ab" is stored as "1234 AB".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# country -> (pattern of the normalised code, example shown in the error message)
POSTAL_CODE_FORMATS = {
    "DE": (r"\d{5}", "10115"),
    "AT": (r"\d{4}", "1010"),
    "NL": (r"[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}", "1011 AB"),
    "BE": (r"[1-9]\d{3}", "1000"),
    "FR": (r"\d{5}", "75001"),
    "LU": (r"\d{4}", "1009"),
    "IT": (r"\d{5}", "00118"),
    "ES": (r"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}", "28001"),
    "DK": (r"[1-9]\d{3}", "1050"),
    "CH": (r"[1-9]\d{3}", "8001"),
}


def normalise_postal_code(country: str, postal_code: str) -> str:
    code = " ".join((postal_code or "").upper().split())
    if country == "NL":
        code = re.sub(r"^(\d{4}) ?([A-Z]{2})$", r"\1 \2", code)
    if country == "LU":
        code = re.sub(r"^L-", "", code)
    return code


def validate_postal_code(country: str, postal_code: str) -> str:
    """Return the normalised code, or raise ValidationError naming the expected format."""
    code = normalise_postal_code(country, postal_code)
    if country not in POSTAL_CODE_FORMATS:
        raise ValidationError(_("We do not deliver to this country."), code="unknown_country")
    pattern, example = POSTAL_CODE_FORMATS[country]
    if not re.fullmatch(pattern, code):
        raise ValidationError(
            _("Enter a valid postal code for this country, for example %(example)s."),
            code="invalid_postal_code",
            params={"example": example},
        )
    return code
