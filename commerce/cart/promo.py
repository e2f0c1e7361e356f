"""Promo codes on a cart: add one (checked against the cart as priced), remove one, and the
rate limit on failed attempts that stops codes from being guessed.

The rules of a code (validity, scope, discounts) are commerce.promotions'; this module only
decides what happens to this cart and counts the failures per session and per address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from commerce.promotions.errors import PromoError, PromoErrorCode
from commerce.promotions.models import PromoCode
from commerce.promotions.services import check_new_code, find_code

from .models import Cart
from .summary import CartSummary


def _limit() -> int:
    return settings.PROMO_CODE_MAX_FAILED_ATTEMPTS


def _window() -> int:
    return settings.PROMO_CODE_ATTEMPT_WINDOW_SECONDS


def _attempt_keys(session_key: str | None, ip: str | None) -> list[str]:
    keys = []
    if session_key:
        keys.append(f"promo-failures:session:{session_key}")
    if ip:
        keys.append(f"promo-failures:ip:{ip}")
    return keys


def is_rate_limited(session_key: str | None, ip: str | None) -> bool:
    return any((cache.get(key) or 0) >= _limit() for key in _attempt_keys(session_key, ip))


def _count_failure(session_key: str | None, ip: str | None) -> None:
    for key in _attempt_keys(session_key, ip):
        cache.add(key, 0, _window())  # fixed window: the first failure starts it
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, _window())


def apply_code(
    cart: Cart, raw_code: str, summary: CartSummary, *, user=None, email: str = "", session_key=None, ip=None
) -> PromoCode:
    """Add a code to the cart, checked against `summary` (the cart as priced for this request),
    or raise PromoError; failed attempts count towards the rate limit."""
    if is_rate_limited(session_key, ip):
        raise PromoError(PromoErrorCode.RATE_LIMITED)
    try:
        code = find_code(raw_code)
        if any(other.pk == code.pk for other in summary.codes):
            return code
        check_new_code(
            code,
            present=summary.codes,
            lines=summary.discountable_lines(),
            context=summary.context,
            user=user,
            email=email,
        )
    except PromoError:
        _count_failure(session_key, ip)
        raise
    cart.promo_codes.add(code)
    return code


def remove_code(cart: Cart, code_id) -> None:
    cart.promo_codes.remove(*cart.promo_codes.filter(pk=code_id))
