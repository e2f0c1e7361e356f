"""Order flows as plain functions: place, cancel, expire, pay, ship, deliver, annotate.

Views, the admin, the API, provider webhooks and tasks all call these; none of them changes an
order's status directly. Each action writes its event and queues its own customer email through
the outbox (once per transition: the outbox's dedupe key), so no caller sends one itself.
Providers (payment, shipping, email) are never called in here while a transaction holds locks:
their work is queued with transaction.on_commit.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events, providers
from .credit import CreditLimitExceeded, reserve_credit
from .lock_objects import company_for_update
from .models import Address, CustomerKind, Order, OrderLine, OrderStatus, PaymentMethodCode
from .notifications import send_order_cancelled, send_order_delivered, send_order_shipped, send_payment_received
from .numbering import next_number
from .state import IllegalTransition, transition
from .stock import InsufficientStock, allocate_stock, release_stock
from .totals import PricedLine, ShippingChoice, compute_totals

__all__ = [
    "Address",
    "IllegalTransition",
    "PricedLine",
    "ShippingChoice",
    "accept_on_account",
    "add_note",
    "cancel_order",
    "expire_order",
    "mark_delivered",
    "mark_paid",
    "mark_shipped",
    "place_order",
]


class EmptyOrder(ValueError):
    pass


def initial_status(payment_method: str) -> str:
    """Invoice orders are accepted on account straight away; everything else waits for money."""
    if payment_method == PaymentMethodCode.INVOICE:
        return OrderStatus.PROCESSING
    return OrderStatus.PENDING_PAYMENT


def _existing_order(idempotency_key: str) -> Order | None:
    return Order.objects.filter(idempotency_key=idempotency_key).first()


def product_titles_in(language: str, variant_ids) -> dict[int, str]:
    """{variant id: product title in `language`}, from the product page's translation in that locale.

    The order line stores the title the invoice prints, so an English order gets the English title
    even when the cart priced the German page; variants without a translation keep the given title.
    """
    from wagtail.models import Locale

    from catalog.models import ProductPage, ProductVariant

    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return {}
    keys = dict(
        ProductVariant.objects.filter(pk__in=[pk for pk in variant_ids if pk]).values_list(
            "pk", "product__translation_key"
        )
    )
    titles = dict(
        ProductPage.objects.filter(translation_key__in=set(keys.values()), locale=locale).values_list(
            "translation_key", "title"
        )
    )
    return {pk: titles[key] for pk, key in keys.items() if key in titles}


def place_order(
    *,
    idempotency_key: str,
    email: str,
    lines: Sequence[PricedLine],
    shipping_address: Address,
    shipping: ShippingChoice,
    payment_method: str,
    customer_kind: str = CustomerKind.B2C,
    user=None,
    billing_address: Address | None = None,
    company=None,
    company_name: str = "",
    company_vat_id: str = "",
    reverse_charge: bool = False,
    reverse_charge_note: str = "",
    language: str = "de",
    prices_include_vat: bool | None = None,
) -> Order:
    """Create the order for an already-priced checkout, in one transaction, exactly once per key.

    All or nothing: stock allocation, number, order, lines and the "placed" event commit together.
    A second call with the same idempotency key (double click, retry, concurrent submit) returns
    the first order and changes nothing. An invoice order of a company is checked against the
    company's credit with the company row locked (credit.reserve_credit). Raises InsufficientStock /
    VariantUnavailable / CreditLimitExceeded (nothing written) or ValueError for malformed input.
    """
    if not idempotency_key:
        raise ValueError("idempotency_key is required")
    if not lines:
        raise EmptyOrder("an order needs at least one line")
    existing = _existing_order(idempotency_key)
    if existing is not None:
        return existing
    if prices_include_vat is None:
        prices_include_vat = customer_kind != CustomerKind.B2B
    totals = compute_totals(lines, shipping, prices_include_vat=prices_include_vat)
    status = initial_status(payment_method)
    titles = product_titles_in(language, [line.variant_id for line in lines])
    try:
        with transaction.atomic():
            if company is not None and payment_method == PaymentMethodCode.INVOICE:
                # Locked first (see lock_objects): held until commit, so the next buyer of the same
                # company reads the open amount with this order in it.
                company = company_for_update(company.pk).get()
                reserve_credit(company, totals.total_gross)
            allocate_stock(lines)
            # Numbered last: the sequence row lock is held only for the inserts below.
            order = Order.objects.create(
                number=next_number("order"),
                idempotency_key=idempotency_key,
                user=user,
                email=email,
                language=language,
                customer_kind=customer_kind,
                company=company,
                company_name=company_name or (company.name if company else ""),
                company_vat_id=company_vat_id or (company.vat_id if company else ""),
                status=status,
                prices_include_vat=prices_include_vat,
                reverse_charge=reverse_charge,
                reverse_charge_note=reverse_charge_note,
                shipping_method_code=shipping.code,
                shipping_method_name=shipping.name,
                service_point_id=shipping.service_point_id,
                service_point_label=shipping.service_point_label,
                payment_method=payment_method,
                **totals.as_order_fields(),
                **shipping_address.as_order_fields("shipping"),
                **(billing_address or shipping_address).as_order_fields("billing"),
            )
            OrderLine.objects.bulk_create(
                OrderLine(
                    order=order,
                    variant_id=line.variant_id,
                    product_title=titles.get(line.variant_id, line.product_title),
                    variant_label=line.variant_label,
                    sku=line.sku,
                    quantity=line.quantity,
                    unit_net=line.unit_net,
                    unit_gross=line.unit_gross,
                    vat_rate=line.vat_rate,
                    line_net=amounts.net,
                    line_vat=amounts.vat,
                    line_gross=amounts.gross,
                    discount_gross=amounts.discount_gross,
                    pricing_rule=line.pricing_rule,
                )
                for line, amounts in zip(lines, totals.lines, strict=True)
            )
            events.order_placed_event(order, actor=user or f"guest: {email}")
            if status == OrderStatus.PROCESSING:
                # Accepted on account at once: the invoice is due now (numbered after commit).
                order_id = order.pk
                transaction.on_commit(lambda: _issue_invoice_by_id(order_id), robust=True)
                _announce_accepted(order)
            # The confirmation email is the checkout's call after this returns:
            # commerce.orders.notifications.send_order_confirmation(order).
    except (IntegrityError, InsufficientStock, CreditLimitExceeded):
        # A concurrent submit of the same checkout won: it holds the key (IntegrityError), took
        # the stock or the credit we waited for. Its order is our answer.
        existing = _existing_order(idempotency_key)
        if existing is None:
            raise
        return existing
    return order


def cancel_order(order: Order, *, actor: events.Actor = None, note: str = "") -> Order:
    """Cancel, give the stock back and tell the customer, in one transaction. A paid order then awaits its refund."""
    with transaction.atomic():
        was_paid = order.paid_at is not None
        transition(
            order,
            OrderStatus.CANCELLED,
            actor=actor,
            note=note,
            payload={"refund_due": str(order.total_gross)} if was_paid else None,
        )
        release_stock(order, actor=actor)
        # The outbox row commits with the cancellation; the email leaves after commit.
        send_order_cancelled(order, refund_due=was_paid)
    return order


def expire_order(order: Order, *, timeout_hours: int) -> Order:
    note = str(_("Payment not received within %(hours)d hours.") % {"hours": timeout_hours})
    return cancel_order(order, actor="system", note=note)


def mark_paid(order: Order, *, actor: events.Actor = None, note: str = "") -> Order:
    """Record the money: pending_payment → paid, or, for an invoice order already under way, paid_at."""
    if order.status == OrderStatus.PENDING_PAYMENT:
        with transaction.atomic():
            transition(order, OrderStatus.PAID, actor=actor, note=note)
            _after_payment(order)
            _announce_accepted(order)
        return order
    if order.is_invoice_order and order.paid_at is None and order.status not in (OrderStatus.CANCELLED,):
        with transaction.atomic():
            updated = Order.objects.filter(pk=order.pk, paid_at__isnull=True).update(paid_at=timezone.now())
            if not updated:
                raise IllegalTransition(order, order.status, OrderStatus.PAID, _("The invoice is already paid."))
            order.refresh_from_db(fields=["paid_at"])
            events.invoice_paid_event(order, actor=actor, note=note)
            _after_payment(order)
        return order
    raise IllegalTransition(order, order.status, OrderStatus.PAID)


def accept_on_account(order: Order, *, actor: events.Actor = None, note: str = "") -> Order:
    """An invoice order left in pending_payment (e.g. after a credit check) goes to processing."""
    with transaction.atomic():
        transition(order, OrderStatus.PROCESSING, actor=actor, note=note)
        order_id = order.pk
        transaction.on_commit(lambda: _issue_invoice_by_id(order_id), robust=True)
        _announce_accepted(order)
    return order


def _announce_accepted(order: Order) -> None:
    """After commit, the goods are owed: the registered parcel service queues the parcel."""
    order_id = order.pk

    def ship():
        providers.goods_owed(Order.objects.get(pk=order_id))

    # robust: a failing parcel service (e.g. the broker is down) never undoes the payment just
    # recorded; it leaves a staff-visible state itself (a failed shipment).
    transaction.on_commit(ship, robust=True)


def _after_payment(order: Order) -> None:
    """After commit: issue the invoice (idempotent) and tell the customer the money arrived."""
    order_id = order.pk

    def run():
        invoice_order = _issue_invoice_by_id(order_id)
        send_payment_received(invoice_order)

    # robust: a failing PDF or mail queue never fails the payment that was just recorded.
    transaction.on_commit(run, robust=True)


def _issue_invoice_by_id(order_id: int) -> Order:
    from .invoices import issue_invoice

    order = Order.objects.get(pk=order_id)
    issue_invoice(order)
    return order


def mark_shipped(
    order: Order, *, tracking_number: str = "", tracking_url: str = "", actor: events.Actor = None, note: str = ""
) -> Order:
    """Staff or the carrier's webhook: the parcel left; the customer gets the shipping email once."""
    with transaction.atomic():
        transition(
            order,
            OrderStatus.SHIPPED,
            actor=actor,
            note=note,
            payload={"tracking_number": tracking_number, "tracking_url": tracking_url},
            tracking_number=tracking_number,
            tracking_url=tracking_url,
        )
        send_order_shipped(order)
    return order


def mark_delivered(order: Order, *, actor: events.Actor = None, note: str = "") -> Order:
    """Staff or the carrier's webhook: the parcel arrived; the customer gets the delivery email once."""
    with transaction.atomic():
        transition(order, OrderStatus.DELIVERED, actor=actor, note=note)
        send_order_delivered(order)
    return order


def add_note(order: Order, *, note: str, actor: events.Actor = None):
    if not note.strip():
        raise ValueError("empty note")
    return events.note_added_event(order, note=note.strip(), actor=actor)
