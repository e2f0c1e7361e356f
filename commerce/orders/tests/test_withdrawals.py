"""The online withdrawal function: the period rule, every denial, the two steps, the acknowledgement."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from commerce.orders.errors import WithdrawalError, WithdrawalErrorCode
from commerce.orders.models import OrderEvent, OrderEventType, OrderStatus, Withdrawal, WithdrawalStatus
from commerce.orders.services import cancel_order
from commerce.orders.withdrawals import (
    declare_withdrawal,
    find_order,
    period_end,
    withdrawal_deadline,
    withdrawal_denial,
)

from .factories import make_variant, order_for, priced_line

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _at(*parts) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)


def _delivered(order, when: datetime):
    order.status, order.delivered_at = OrderStatus.DELIVERED, when
    order.save(update_fields=["status", "delivered_at"])
    return order


def _two_line_order(**kwargs):
    from commerce.orders.services import place_order

    from .factories import ADDRESS, DHL

    return place_order(
        idempotency_key=kwargs.pop("key", "two-lines"),
        email=kwargs.pop("email", "erika@example.com"),
        lines=[priced_line(make_variant()), priced_line(make_variant(), 2)],
        shipping_address=ADDRESS,
        shipping=DHL,
        payment_method="prepayment",
        **kwargs,
    )


# --- the period -------------------------------------------------------------------------------------------


def test_period_ends_fourteen_days_after_the_delivery_day():
    assert period_end(date(2026, 12, 2)) == date(2026, 12, 16)  # Wednesday → Wednesday


@pytest.mark.parametrize(
    "delivered, end", [(date(2026, 12, 5), date(2026, 12, 21)), (date(2026, 12, 6), date(2026, 12, 21))]
)
def test_period_ending_on_a_weekend_ends_on_the_next_monday(delivered, end):
    assert period_end(delivered) == end  # 19 and 20 December 2026 are a Saturday and a Sunday


def test_before_delivery_the_period_has_not_begun():
    order = order_for(make_variant())

    assert withdrawal_deadline(order) is None
    assert withdrawal_denial(order, now=_at(2027, 6, 1, 12)) is None


def test_last_day_of_the_period_is_allowed_and_the_day_after_is_not():
    order = _delivered(order_for(make_variant()), _at(2026, 12, 2, 15))

    assert withdrawal_denial(order, now=_at(2026, 12, 16, 23, 59)) is None
    denial = withdrawal_denial(order, now=_at(2026, 12, 17, 0, 1))
    assert denial.code == WithdrawalErrorCode.PERIOD_EXPIRED


def test_late_declaration_is_refused_and_nothing_is_written():
    order = _delivered(order_for(make_variant()), _at(2026, 12, 2, 15))

    with pytest.raises(WithdrawalError) as refused:
        declare_withdrawal(order, name="Erika", email="e@example.com", line_ids=None, now=_at(2026, 12, 18, 9))

    assert refused.value.code == WithdrawalErrorCode.PERIOD_EXPIRED
    assert not Withdrawal.objects.exists()
    assert not OrderEvent.objects.filter(type=OrderEventType.WITHDRAWAL_DECLARED).exists()


# --- denials ----------------------------------------------------------------------------------------------


def test_business_orders_have_no_withdrawal():
    order = order_for(make_variant(), customer_kind="b2b")

    assert withdrawal_denial(order).code == WithdrawalErrorCode.BUSINESS_ORDER


def test_cancelled_orders_have_nothing_to_withdraw_from():
    order = cancel_order(order_for(make_variant()), actor="system")

    assert withdrawal_denial(order).code == WithdrawalErrorCode.CANCELLED


def test_refunded_orders_are_refused():
    order = order_for(make_variant())
    order.status = OrderStatus.REFUNDED
    order.save(update_fields=["status"])

    assert withdrawal_denial(order).code == WithdrawalErrorCode.REFUNDED


def test_a_second_withdrawal_of_the_whole_order_is_refused():
    order = order_for(make_variant())
    declare_withdrawal(order, name="Erika Muster", email="erika@example.com", line_ids=None)

    with pytest.raises(WithdrawalError) as refused:
        declare_withdrawal(order, name="Erika Muster", email="erika@example.com", line_ids=None)

    assert refused.value.code == WithdrawalErrorCode.NOTHING_LEFT
    assert Withdrawal.objects.count() == 1


def test_lines_already_withdrawn_cannot_be_chosen_again():
    order = _two_line_order()
    first, second = order.lines.all()
    declare_withdrawal(order, name="Erika", email="erika@example.com", line_ids=[first.pk])

    with pytest.raises(WithdrawalError) as refused:
        declare_withdrawal(order, name="Erika", email="erika@example.com", line_ids=[first.pk])

    assert refused.value.code == WithdrawalErrorCode.NO_LINES
    assert withdrawal_denial(order) is None  # the second line is still open
    declare_withdrawal(order, name="Erika", email="erika@example.com", line_ids=[second.pk])
    assert withdrawal_denial(order).code == WithdrawalErrorCode.NOTHING_LEFT


def test_lines_of_another_order_are_refused():
    order, other = order_for(make_variant()), order_for(make_variant())

    with pytest.raises(WithdrawalError) as refused:
        declare_withdrawal(order, name="Erika", email="erika@example.com", line_ids=[other.lines.get().pk])

    assert refused.value.code == WithdrawalErrorCode.NO_LINES
    assert not Withdrawal.objects.exists()


# --- the declaration --------------------------------------------------------------------------------------


def test_declaration_records_lines_event_refund_date_and_acknowledges_in_the_order_language(
    django_capture_on_commit_callbacks,
):
    order = _two_line_order(language="en")
    first = order.lines.first()

    with django_capture_on_commit_callbacks(execute=True):
        withdrawal = declare_withdrawal(
            order, name="Erika Muster", email="ack@example.com", line_ids=[first.pk], now=_at(2026, 12, 3, 14, 5)
        )

    assert [line.order_line_id for line in withdrawal.lines.all()] == [first.pk]
    assert withdrawal.whole_order is False
    assert withdrawal.status == WithdrawalStatus.RETURN_EXPECTED
    assert withdrawal.refund_due_by == date(2026, 12, 17)
    event = order.events.get(type=OrderEventType.WITHDRAWAL_DECLARED)
    assert event.payload["withdrawal"] == str(withdrawal.uuid)
    assert event.payload["lines"] == [[first.sku, first.quantity]]
    message = mail.outbox[-1]
    assert message.to == ["ack@example.com"]
    assert message.subject == f"Acknowledgement of your withdrawal from order {order.number}"
    assert "3 December 2026, 14:05 CET" in message.body
    assert first.sku in message.body
    assert order.lines.last().sku not in message.body


def test_acknowledgement_in_german_for_a_german_order(django_capture_on_commit_callbacks):
    order = order_for(make_variant(), language="de")

    with django_capture_on_commit_callbacks(execute=True):
        declare_withdrawal(
            order, name="Erika Muster", email="erika@example.com", line_ids=None, now=_at(2026, 12, 3, 9)
        )

    message = mail.outbox[-1]
    assert message.subject == f"Bestätigung Ihres Widerrufs der Bestellung {order.number}"
    assert "Die gesamte Bestellung" in message.body
    assert "3. Dezember 2026, 09:00 CET" in message.body


def test_find_order_needs_number_and_email():
    order = order_for(make_variant(), email="Erika@Example.com")

    assert find_order(f" {order.number.lower()} ", "erika@example.com") == order
    assert find_order(order.number, "someone@example.com") is None
    assert find_order("NW-2000-999999", "erika@example.com") is None


# --- the pages --------------------------------------------------------------------------------------------


def _lookup(client, number, email, url=None):
    return client.post(url or reverse("orders:withdrawal_start"), {"order_number": number, "email": email})


def test_wrong_email_reads_like_an_unknown_number(client):
    order = order_for(make_variant(), email="erika@example.com")

    wrong_email = _lookup(client, order.number, "mallory@example.com")
    unknown = _lookup(client, "NW-2000-999999", "mallory@example.com")

    assert wrong_email.status_code == unknown.status_code == 200
    message = str(WithdrawalError(WithdrawalErrorCode.NOT_FOUND))
    assert message in wrong_email.content.decode() and message in unknown.content.decode()
    assert wrong_email.context["form"].errors == unknown.context["form"].errors
    assert client.get(reverse("orders:withdrawal_declare", args=[order.uuid])).status_code == 404


def test_guest_lookup_is_rate_limited_per_order_number(client):
    order = order_for(make_variant(), email="erika@example.com")
    for _attempt in range(5):
        assert _lookup(client, order.number, "guess@example.com").status_code == 200

    limited = _lookup(client, order.number, "erika@example.com")

    assert limited.status_code == 429
    assert str(WithdrawalError(WithdrawalErrorCode.RATE_LIMITED)) in limited.content.decode()
    assert client.get(reverse("orders:withdrawal_declare", args=[order.uuid])).status_code == 404


def test_business_order_gets_a_clear_message_after_a_correct_lookup(client):
    order = order_for(make_variant(), customer_kind="b2b", email="einkauf@example.com")

    found = _lookup(client, order.number, "einkauf@example.com")
    page = client.get(found["Location"])

    assert str(WithdrawalError(WithdrawalErrorCode.BUSINESS_ORDER)) in page.content.decode()
    assert "withdrawal_confirm" not in page.content.decode()
    assert not Withdrawal.objects.exists()


def test_guest_withdraws_in_two_steps(client, django_capture_on_commit_callbacks):
    order = _two_line_order(email="erika@example.com")
    second = order.lines.last()

    declare_url = _lookup(client, order.number, "erika@example.com")["Location"]
    step_one = client.post(
        declare_url, {"name": "Erika Muster", "scope": "lines", "lines": [second.pk], "email": "ack@example.com"}
    )
    assert step_one["Location"] == reverse("orders:withdrawal_confirm", args=[order.uuid])
    assert not Withdrawal.objects.exists()  # step one alone declares nothing
    summary = client.get(step_one["Location"]).content.decode()
    assert "Confirm withdrawal" in summary and second.sku in summary

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(step_one["Location"])

    withdrawal = Withdrawal.objects.get()
    assert done["Location"] == reverse("orders:withdrawal_done", args=[withdrawal.uuid])
    assert [line.order_line_id for line in withdrawal.lines.all()] == [second.pk]
    assert "ack@example.com" in client.get(done["Location"]).content.decode()
    assert mail.outbox[-1].to == ["ack@example.com"]


def test_step_one_errors_are_tied_to_their_fields(client):
    order = order_for(make_variant(), email="erika@example.com")
    declare_url = _lookup(client, order.number, "erika@example.com")["Location"]

    html = client.post(declare_url, {"name": "", "scope": "lines", "email": "nope"}).content.decode()

    assert 'href="#id_name"' in html and 'href="#id_lines"' in html and 'href="#id_email"' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'id="id_lines_error"' in html


def test_customer_sees_the_link_on_their_order_page(client, django_user_model):
    user = django_user_model.objects.create_user("erika", "erika@example.com", "pw-123456789")
    order = order_for(make_variant(), user=user)
    client.force_login(user)

    html = client.get(reverse("orders:detail", args=[order.uuid])).content.decode()

    assert reverse("orders:withdrawal_declare", args=[order.uuid]) in html
    assert 'class="order-withdrawal"' in html
    assert client.get(reverse("orders:withdrawal_declare", args=[order.uuid])).status_code == 200


def test_no_link_on_a_business_order_page(client, django_user_model):
    user = django_user_model.objects.create_user("einkauf", "einkauf@example.com", "pw-123456789")
    order = order_for(make_variant(), user=user, customer_kind="b2b")
    client.force_login(user)

    html = client.get(reverse("orders:detail", args=[order.uuid])).content.decode()

    assert reverse("orders:withdrawal_declare", args=[order.uuid]) not in html


def test_german_pages_are_labelled_in_german(client):
    order = order_for(make_variant(), email="erika@example.com")

    with translation.override("de"):
        start = client.get("/withdrawal/").content.decode()
        declare_url = _lookup(client, order.number, "erika@example.com")["Location"]
        client.post(declare_url, {"name": "Erika", "scope": "whole", "email": "erika@example.com"})
        confirm = client.get(f"/withdrawal/{order.uuid}/confirm/").content.decode()

    assert "Vertrag hier widerrufen" in start
    assert '<button class="button button--primary" type="submit">Widerruf bestätigen</button>' in confirm


def test_english_pages_are_labelled_in_english(client):
    order = order_for(make_variant(), email="erika@example.com", language="en")

    start = client.get("/en/withdrawal/").content.decode()
    declare_url = _lookup(client, order.number, "erika@example.com", "/en/withdrawal/")["Location"]
    client.post(declare_url, {"name": "Erika", "scope": "whole", "email": "erika@example.com"})
    confirm = client.get(f"/en/withdrawal/{order.uuid}/confirm/").content.decode()

    assert "Withdraw from contract here" in start  # the footer link
    assert declare_url.startswith("/en/")
    assert "Confirm withdrawal" in confirm


def test_staff_see_open_withdrawals_with_their_refund_date(client, django_user_model):
    order = order_for(make_variant())
    withdrawal = declare_withdrawal(order, name="Erika Muster", email="e@example.com", line_ids=None)
    client.force_login(django_user_model.objects.create_superuser("staff", "s@example.com", "x" * 12))

    html = client.get(reverse("orders_withdrawal:index")).content.decode()

    assert order.number in html and "Erika Muster" in html
    assert withdrawal.refund_due_by.strftime("%Y") in html
