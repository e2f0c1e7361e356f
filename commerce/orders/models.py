"""Orders: a frozen record of what was sold, to whom, at what price, and everything that happened since.

An order never reads prices, names or addresses back from the catalogue or the customer's
address book: all of it is copied ("snapshotted") at placement, so a later price change,
a renamed product or an edited address never rewrites a contract already made.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .private_documents import PrivatePath, private_storage
from .totals import shown_totals

MONEY = {"max_digits": 12, "decimal_places": 2, "default": Decimal("0.00")}
RATE = {"max_digits": 5, "decimal_places": 2, "default": Decimal("0.00")}


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    PAID = "paid", _("Paid")
    PROCESSING = "processing", _("Processing")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")


class CustomerKind(models.TextChoices):
    B2C = "b2c", _("Consumer")
    B2B = "b2b", _("Business")


class PaymentMethodCode(models.TextChoices):
    """Codes known today; providers add theirs. Stored as free text, validated by checkout."""

    PREPAYMENT = "prepayment", _("Prepayment (bank transfer)")
    INVOICE = "invoice", _("Invoice")


@dataclass(frozen=True)
class Address:
    """A postal address as printed on the parcel or the invoice (a snapshot, not a reference)."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    street: str = ""
    street2: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "DE"
    phone: str = ""

    def as_order_fields(self, prefix: str) -> dict[str, str]:
        return {f"{prefix}_{f.name}": getattr(self, f.name) for f in fields(self)}


ADDRESS_FIELDS = [f.name for f in fields(Address)]


def _address_fields(prefix: str) -> dict[str, models.Field]:
    return {
        f"{prefix}_first_name": models.CharField(_("first name"), max_length=100, blank=True),
        f"{prefix}_last_name": models.CharField(_("last name"), max_length=100, blank=True),
        f"{prefix}_company": models.CharField(_("company"), max_length=200, blank=True),
        f"{prefix}_street": models.CharField(_("street and number"), max_length=200, blank=True),
        f"{prefix}_street2": models.CharField(_("address line 2"), max_length=200, blank=True),
        f"{prefix}_postal_code": models.CharField(_("postal code"), max_length=20, blank=True),
        f"{prefix}_city": models.CharField(_("city"), max_length=100, blank=True),
        f"{prefix}_country": models.CharField(_("country"), max_length=2, default="DE"),
        f"{prefix}_phone": models.CharField(_("phone"), max_length=40, blank=True),
    }


class Order(models.Model):
    # Public identifier for every customer-facing URL: not guessable, unlike pk or number.
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("order number"), max_length=20, unique=True, editable=False)
    # The checkout token: a second submit of the same checkout finds this order instead of making one.
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True, editable=False)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, default="de")
    customer_kind = models.CharField(
        _("customer kind"), max_length=3, choices=CustomerKind.choices, default=CustomerKind.B2C
    )
    # The buying company: the FK decides who may see the order (all buyers of the company); the
    # snapshot fields below are what the invoice prints, whatever the company later renames itself to.
    company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    company_vat_id = models.CharField(_("company VAT ID"), max_length=20, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING_PAYMENT, db_index=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    prices_include_vat = models.BooleanField(
        _("prices include VAT"), default=True, help_text=_("Gross prices (consumers) or net prices (businesses).")
    )

    subtotal_net = models.DecimalField(_("subtotal net"), **MONEY)
    subtotal_gross = models.DecimalField(_("subtotal gross"), **MONEY)
    discount_gross = models.DecimalField(_("discount (gross, included in subtotal)"), **MONEY)
    shipping_net = models.DecimalField(_("shipping net"), **MONEY)
    shipping_gross = models.DecimalField(_("shipping gross"), **MONEY)
    total_net = models.DecimalField(_("total net"), **MONEY)
    total_vat = models.DecimalField(_("total VAT"), **MONEY)
    total_gross = models.DecimalField(_("total gross"), **MONEY)
    # {"19.00": {"net": "10.00", "vat": "1.90", "gross": "11.90"}, ...} incl. shipping; see totals.py.
    vat_breakdown = models.JSONField(_("VAT per rate"), default=dict, blank=True)
    # The shipping's share of vat_breakdown: shipping follows the goods' rates, split pro rata.
    shipping_vat_breakdown = models.JSONField(_("shipping VAT per rate"), default=dict, blank=True)
    reverse_charge = models.BooleanField(_("reverse charge"), default=False)
    reverse_charge_note = models.TextField(_("reverse-charge note"), blank=True)

    shipping_method_code = models.CharField(_("shipping method"), max_length=50, blank=True)
    shipping_method_name = models.CharField(_("shipping method name"), max_length=120, blank=True)
    service_point_id = models.CharField(_("service point"), max_length=64, blank=True)
    # The pickup point as the shopper chose it ("DHL Packstation 112, Bahnhofstraße 112, 10115 Berlin").
    service_point_label = models.CharField(_("pickup point"), max_length=255, blank=True)
    payment_method = models.CharField(_("payment method"), max_length=30)

    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    tracking_url = models.URLField(_("tracking URL"), max_length=500, blank=True)

    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Set once, by a conditional UPDATE, when allocated stock goes back: a second release is a no-op.
    stock_released_at = models.DateTimeField(_("stock released at"), null=True, blank=True)

    locals().update(_address_fields("shipping"))
    locals().update(_address_fields("billing"))

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at", "-pk"]
        indexes = [models.Index(fields=["status", "placed_at"], name="order_status_placed_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_gross__gte=0), name="order_total_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def shown_totals(self):
        """The totals as the cart and the checkout showed them (commerce.orders.totals.shown_totals)."""
        return shown_totals(
            self, self.lines.all(), prices_include_vat=self.prices_include_vat, shipping_name=self.shipping_method_name
        )

    @property
    def is_invoice_order(self) -> bool:
        return self.payment_method == PaymentMethodCode.INVOICE

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def shipping_address(self) -> Address:
        return Address(**{name: getattr(self, f"shipping_{name}") for name in ADDRESS_FIELDS})

    @property
    def billing_address(self) -> Address:
        return Address(**{name: getattr(self, f"billing_{name}") for name in ADDRESS_FIELDS})


class OrderLine(models.Model):
    """One bought variant with everything printed on the invoice frozen at placement."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, blank=True, on_delete=models.SET_NULL, related_name="order_lines"
    )
    product_title = models.CharField(_("product"), max_length=255)
    variant_label = models.CharField(_("variant"), max_length=120, blank=True)
    sku = models.CharField(_("SKU"), max_length=64)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_net = models.DecimalField(_("unit price net"), **MONEY)
    unit_gross = models.DecimalField(_("unit price gross"), **MONEY)
    vat_rate = models.DecimalField(_("VAT rate (%)"), **RATE)
    line_net = models.DecimalField(_("line net"), **MONEY)
    line_vat = models.DecimalField(_("line VAT"), **MONEY)
    line_gross = models.DecimalField(_("line gross"), **MONEY)
    discount_gross = models.DecimalField(_("discount (gross)"), **MONEY)
    pricing_rule = models.CharField(_("pricing rule"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="orderline_quantity_positive"),
            models.CheckConstraint(condition=models.Q(line_gross__gte=0), name="orderline_gross_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"


class OrderEventType(models.TextChoices):
    PLACED = "placed", _("Order placed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    STOCK_RELEASED = "stock_released", _("Stock released")
    INVOICE_PAID = "invoice_paid", _("Invoice paid")
    TRACKING_UPDATED = "tracking_updated", _("Tracking updated")
    NOTE_ADDED = "note_added", _("Note added")
    WITHDRAWAL_DECLARED = "withdrawal_declared", _("Withdrawal declared")


class OrderEvent(models.Model):
    """The audit trail: who did what to an order, when, from which status to which, and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("type"), max_length=30, choices=OrderEventType.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150, default="system")
    note = models.TextField(_("note"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.type}"


class NumberSequence(models.Model):
    """One counter row per (sequence, year). Incremented under a row lock inside the caller's transaction,
    so a rolled-back order or invoice gives its number back: the sequence stays gap-free."""

    name = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="number_sequence_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.last_value}"


class Invoice(models.Model):
    """The invoice of one order: a gap-free number, the dates the law asks for, and the seller as it was.

    The PDF is rendered from the order snapshot plus `seller`, so it can be re-rendered identically
    if the stored file is lost; `pdf` is a cache in the private storage (never under MEDIA_URL).
    """

    order = models.OneToOneField(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoice")
    number = models.CharField(_("invoice number"), max_length=20, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), editable=False)
    # The shipping date; empty when the invoice was issued before shipment (paid in advance): the PDF
    # then states the expected delivery instead of claiming delivery on the issue date.
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    expected_delivery_by = models.DateField(_("expected delivery by"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    # Seller name, address, VAT ID, tax number and bank account at the time of issue.
    seller = models.JSONField(_("seller"), default=dict)
    pdf = models.FileField(
        _("PDF"), upload_to=PrivatePath("invoices/%Y/"), storage=private_storage, max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"


class CreditNote(models.Model):
    """A correction of the order's invoice for money given back (Rechnungskorrektur, §14 UStG; §17 UStG).

    Not called "Gutschrift": in §14(2) UStG that word means a buyer's self-billing. One per refund
    (a partial refund gets its own), numbered in its own gap-free range; it names the invoice it
    corrects and splits the refunded amount over the invoice's VAT rates. `source` identifies the
    refund, so a replay creates nothing new. The PDF is a cache in the private storage.
    """

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="credit_notes")
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("corrected invoice"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    number = models.CharField(_("credit note number"), max_length=20, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), editable=False)
    amount_gross = models.DecimalField(_("refunded amount (gross)"), **MONEY)
    # The refunded amount per VAT rate, positive: {"19.00": {"net": "8.40", "vat": "1.60", "gross": "10.00"}}.
    vat_breakdown = models.JSONField(_("VAT per rate"), default=dict)
    source = models.CharField(_("refund"), max_length=120, unique=True, editable=False)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    seller = models.JSONField(_("seller"), default=dict)
    pdf = models.FileField(
        _("PDF"), upload_to=PrivatePath("credit_notes/%Y/"), storage=private_storage, max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_gross__gt=0), name="credit_note_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"


class WithdrawalStatus(models.TextChoices):
    RETURN_EXPECTED = "return_expected", _("Return expected")
    RETURN_RECEIVED = "return_received", _("Return received, refund due")
    REFUNDED = "refunded", _("Refunded")


class Withdrawal(models.Model):
    """A consumer's withdrawal from an order (§355 BGB), declared through the online withdrawal function.

    `declared_at` is when the confirmation button was pressed: the time the acknowledgement states
    and from which the 14 days for the refund run (§357(1) BGB). `lines` are the withdrawn order
    lines; `whole_order` records that the customer chose the whole order.
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="withdrawals")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email for the acknowledgement"))
    whole_order = models.BooleanField(_("whole order"), default=False)
    declared_at = models.DateTimeField(_("declared at"), db_index=True)
    refund_due_by = models.DateField(_("refund due by"))
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WithdrawalStatus.choices,
        default=WithdrawalStatus.RETURN_EXPECTED,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_note = models.TextField(_("internal note"), blank=True)

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["refund_due_by", "pk"]

    def __str__(self) -> str:
        return f"{self.order.number} ({self.declared_at:%Y-%m-%d})"


class WithdrawalLine(models.Model):
    """One withdrawn order line. An order line can be withdrawn once (unique), whoever presses the button."""

    withdrawal = models.ForeignKey(Withdrawal, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, verbose_name=_("order line"), on_delete=models.PROTECT, related_name="withdrawal_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("withdrawn line")
        verbose_name_plural = _("withdrawn lines")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["order_line"], name="withdrawal_line_once_per_order_line")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line.sku}"
