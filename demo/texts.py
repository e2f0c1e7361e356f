"""Demo texts in both shop languages, kept side by side so the German and English pages cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One text of the demo shop: German (the source language) and its English twin."""

    de: str
    en: str

    def pick(self, english: bool) -> str:
        return self.en if english else self.de


def in_language(value, english: bool):
    """`value` with every `Text` in it (through lists, tuples and dicts) replaced by one language's string."""
    if isinstance(value, Text):
        return value.pick(english)
    if isinstance(value, dict):
        return {key: in_language(item, english) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(in_language(item, english) for item in value)
    return value
