"""Carts in the database: anonymous ones keyed by a token kept in the session, customers' by user."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CART_LIFETIME_DAYS = 30


class Cart(models.Model):
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="carts"
    )
    promo_codes = models.ManyToManyField("promotions.PromoCode", blank=True, related_name="+")
    # The order the cart's contents last became: a second session submitting the same cart is
    # told "already ordered" and shown this order instead of placing a second one.
    last_order = models.ForeignKey(
        "orders.Order", verbose_name=_("last order"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("cart")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(user__isnull=False), name="cart_one_per_customer"
            )
        ]

    def __str__(self) -> str:
        return str(self.token)


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    # What the shopper saw when adding: compared with today's quote to warn about changes.
    unit_price_at_add = models.DecimalField(max_digits=10, decimal_places=2)
    display_mode_at_add = models.CharField(max_length=5, default="gross")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cart line")
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["cart", "variant"], name="cart_one_line_per_variant")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"
