"""Names and address lines are one line of printable text, whatever a form or an API client sends.

A line break in a company name splits an invoice address or an e-mail header, a NUL is refused by
PostgreSQL, and bidi overrides make a name read differently from what is stored. These characters
are turned into spaces rather than refused: a name pasted with a stray line break is still that name.
"""

from __future__ import annotations

import re

from django import forms

# C0 and C1 control characters (CR, LF, TAB, NUL, ESC …), Unicode line and paragraph separators, and
# bidi embeddings, overrides and isolates.
NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def single_line(value: str) -> str:
    """`value` on one line: those characters become spaces, runs of whitespace one space, no outer spaces."""
    return " ".join(NOT_ON_ONE_LINE.sub(" ", value).split())


class SingleLineField(forms.CharField):
    """A form field for names and address lines (see `single_line`); max_length counts the cleaned text."""

    def to_python(self, value):
        return single_line(super().to_python(value))
