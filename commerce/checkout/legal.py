"""Legally fixed checkout wording and links (§ 312j BGB button, withdrawal information)."""

from __future__ import annotations

from django.utils.translation import get_language

# The order button's wording is prescribed by § 312j (3) BGB. It is a legal text, not a UI
# string: it must read exactly this even before the translation files are compiled.
ORDER_BUTTON_LABELS = {"de": "Zahlungspflichtig bestellen", "en": "Place order with obligation to pay"}


class _ButtonLabel:
    def __str__(self) -> str:
        return ORDER_BUTTON_LABELS.get((get_language() or "de")[:2], ORDER_BUTTON_LABELS["de"])


ORDER_BUTTON_LABEL = _ButtonLabel()


def withdrawal_page(request):
    """The live Widerrufsbelehrung page (slug `widerrufsbelehrung`) in the current language, if any."""
    from content.models import StandardPage

    page = StandardPage.objects.live().filter(slug="widerrufsbelehrung").first()
    if page is None:
        return None
    localized = page.localized
    return localized if localized.live else page
