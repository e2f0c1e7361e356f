"""The online withdrawal function (Art. 11a Directive 2011/83/EU as inserted by Directive (EU) 2023/2673).

A consumer withdraws from an order in two steps: the declaration (name, order, the whole order or
some lines, the e-mail for the acknowledgement), then the confirmation button. Pressing it records
the withdrawal with the time, writes the order event and sends the acknowledgement on a durable
medium (e-mail, in the order's language) with its content, date and time.

The period (§355(2), §356(2) Nr. 1 BGB): 14 days from the day the goods arrived; the day of delivery
is not counted (§187(1) BGB) and a period ending on a Saturday or Sunday ends on the next Monday
(§193 BGB; public holidays are not known to the shop, so it never ends a period early on their
account — staff may still accept a late declaration). Before delivery the period has not begun, and
a consumer may withdraw at any time from placing the order. Business orders have no right of
withdrawal; a cancelled or fully refunded order has no contract left.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation

from . import events
from .errors import WithdrawalError, WithdrawalErrorCode
from .forms import line_label
from .lock_objects import order_for_update
from .models import CustomerKind, Order, OrderLine, OrderStatus, Withdrawal, WithdrawalLine, WithdrawalStatus
from .notifications import notify_order

SATURDAY = 5


def period_end(delivered_on: date) -> date:
    """The last day to withdraw for goods delivered on `delivered_on` (§§187(1), 188(1), 193 BGB)."""
    end = delivered_on + timedelta(days=settings.WITHDRAWAL_PERIOD_DAYS)
    while end.weekday() >= SATURDAY:
        end += timedelta(days=1)
    return end


def withdrawal_deadline(order: Order) -> date | None:
    """The last day of the period, or None while the goods have not arrived (the period has not begun)."""
    if order.delivered_at is None:
        return None
    return period_end(timezone.localdate(order.delivered_at))


def open_lines(order: Order) -> list[OrderLine]:
    """The order's lines not yet withdrawn from."""
    return list(order.lines.filter(withdrawal_lines__isnull=True).order_by("pk"))


def withdrawal_denial(order: Order, *, now: datetime | None = None) -> WithdrawalError | None:
    """Why `order` cannot be withdrawn from now, or None when it can."""
    if order.customer_kind == CustomerKind.B2B or order.company_id is not None:
        return WithdrawalError(WithdrawalErrorCode.BUSINESS_ORDER)
    if order.status == OrderStatus.CANCELLED:
        return WithdrawalError(WithdrawalErrorCode.CANCELLED)
    if order.status == OrderStatus.REFUNDED:
        return WithdrawalError(WithdrawalErrorCode.REFUNDED)
    deadline = withdrawal_deadline(order)
    today = timezone.localdate(now or timezone.now())
    if deadline is not None and today > deadline:
        return WithdrawalError(
            WithdrawalErrorCode.PERIOD_EXPIRED, date=formats.date_format(deadline, "SHORT_DATE_FORMAT")
        )
    if not open_lines(order):
        return WithdrawalError(WithdrawalErrorCode.NOTHING_LEFT)
    return None


def may_withdraw(order: Order, *, now: datetime | None = None) -> bool:
    return withdrawal_denial(order, now=now) is None


def normalise_order_number(raw: str) -> str:
    return "".join(raw.split()).upper()


def find_order(number: str, email: str) -> Order | None:
    """The order with this number *and* this e-mail address, else None (the same None for both misses)."""
    number, email = normalise_order_number(number), email.strip()
    if not number or not email:
        return None
    return Order.objects.filter(number=number, email__iexact=email).first()


def refund_due_by(declared_at: datetime) -> date:
    """Payments are refunded within 14 days of receiving the withdrawal (§357(1) BGB)."""
    return timezone.localdate(declared_at) + timedelta(days=settings.WITHDRAWAL_REFUND_DAYS)


def declare_withdrawal(
    order: Order,
    *,
    name: str,
    email: str,
    line_ids: Iterable[int] | None,
    actor=None,
    now: datetime | None = None,
) -> Withdrawal:
    """Record the withdrawal from `line_ids` (None: the whole order, i.e. every open line) and acknowledge it.

    The order row is locked while the open lines are checked, and each order line can be withdrawn
    once (unique constraint): a double click or two tabs create one withdrawal, the second call
    raises NOTHING_LEFT (or NO_LINES when its lines were taken). Raises WithdrawalError on any denial.
    """
    with transaction.atomic():
        locked = order_for_update(order.pk).get()
        denial = withdrawal_denial(locked, now=now)
        if denial is not None:
            raise denial
        available = {line.pk: line for line in open_lines(locked)}
        if line_ids is None:
            chosen = list(available.values())
        else:
            wanted = {int(pk) for pk in line_ids}
            chosen = [line for pk, line in available.items() if pk in wanted]
            if not chosen or len(chosen) != len(wanted):
                raise WithdrawalError(WithdrawalErrorCode.NO_LINES)
        declared_at = now or timezone.now()
        withdrawal = Withdrawal.objects.create(
            order=locked,
            name=name.strip(),
            email=email.strip(),
            whole_order=line_ids is None or len(chosen) == len(available),
            declared_at=declared_at,
            refund_due_by=refund_due_by(declared_at),
            language=locked.language or settings.LANGUAGE_CODE,
            status=WithdrawalStatus.RETURN_EXPECTED,
            user=actor if getattr(actor, "is_authenticated", False) else None,
        )
        try:
            with transaction.atomic():
                WithdrawalLine.objects.bulk_create(
                    [WithdrawalLine(withdrawal=withdrawal, order_line=line, quantity=line.quantity) for line in chosen]
                )
        except IntegrityError:
            raise WithdrawalError(WithdrawalErrorCode.NO_LINES) from None
        events.withdrawal_declared_event(locked, withdrawal=withdrawal, actor=actor)
        send_withdrawal_acknowledgement(withdrawal)
    return withdrawal


def moment(value: datetime) -> str:
    """Date and time of day in the shop's time zone: "3. Dezember 2026, 14:05 CET" / "3 December 2026, 14:05 CET"."""
    pattern = "j. F Y, H:i T" if (translation.get_language() or "de").startswith("de") else "j F Y, H:i T"
    return formats.date_format(timezone.localtime(value), pattern)


def acknowledgement_content(withdrawal: Withdrawal, language: str | None = None) -> dict:
    """What the acknowledgement states, written out in the order's language when it is sent: the
    outbox row then keeps the exact content, date and time the customer was told."""
    with translation.override(language or withdrawal.language):
        return {
            "withdrawal_id": withdrawal.pk,
            "name": withdrawal.name,
            "order_number": withdrawal.order.number,
            "order_placed_on": formats.date_format(timezone.localdate(withdrawal.order.placed_at), "SHORT_DATE_FORMAT"),
            "whole_order": withdrawal.whole_order,
            "lines": [line_label(item.order_line) for item in withdrawal.lines.select_related("order_line")],
            "declared_at": withdrawal.declared_at.isoformat(),
            "declared_on": moment(withdrawal.declared_at),
            "refund_due_by": formats.date_format(withdrawal.refund_due_by, "SHORT_DATE_FORMAT"),
        }


def send_withdrawal_acknowledgement(withdrawal: Withdrawal):
    """The acknowledgement on a durable medium: an e-mail in the order's language, sent after commit, once."""
    return notify_order(
        "withdrawal_received",
        withdrawal.order,
        to=withdrawal.email,
        dedupe_key=f"withdrawal_received:{withdrawal.pk}",
        **acknowledgement_content(withdrawal),
    )


def open_withdrawals():
    """Withdrawals staff still have to complete (return expected, or received and not yet refunded)."""
    return Withdrawal.objects.exclude(status=WithdrawalStatus.REFUNDED).select_related("order")
