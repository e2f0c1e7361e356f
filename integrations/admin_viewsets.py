"""Read-only Wagtail admin listings of provider notifications: what arrived, what was refused and why."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from integrations.models import PaymentNotificationLog, PaymentTransaction, Shipment, ShippingWebhookLog


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The log is evidence: staff may look, nobody edits or deletes through the admin."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(PaymentNotificationLog, ReadOnlyPermissionPolicy(PaymentNotificationLog))
register_permission_policy(ShippingWebhookLog, ReadOnlyPermissionPolicy(ShippingWebhookLog))
register_permission_policy(PaymentTransaction, ReadOnlyPermissionPolicy(PaymentTransaction))
register_permission_policy(Shipment, ReadOnlyPermissionPolicy(Shipment))


class PaymentNotificationLogViewSet(ModelViewSet):
    model = PaymentNotificationLog
    icon = "doc-full"
    menu_label = _("Payment notifications")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never editable (see ReadOnlyPermissionPolicy)
    list_display = [
        "received_at",
        "provider",
        "reference",
        "event_id",
        "amount",
        "currency",
        "accepted",
        "rejection_code",
    ]
    list_filter = ["provider", "accepted", "rejection_code"]
    search_fields = ["reference", "event_id", "transaction_id"]
    inspect_view_fields = [
        "received_at", "provider", "event_id", "kind", "reference", "transaction_id", "status", "amount", "currency",
        "is_test", "accepted", "rejection_code", "rejection_reason", "remote_addr", "payload",
    ]  # fmt: skip


class ShippingWebhookLogViewSet(ModelViewSet):
    model = ShippingWebhookLog
    icon = "doc-full"
    menu_label = _("Shipping webhooks")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never editable (see ReadOnlyPermissionPolicy)
    list_display = ["received_at", "provider", "action", "parcel_id", "external_reference", "status_id", "superseded"]
    list_filter = ["provider", "action", "superseded"]
    search_fields = ["parcel_id", "external_reference", "tracking_number"]
    inspect_view_fields = [
        "received_at", "provider", "event_id", "action", "parcel_id", "external_reference", "tracking_number",
        "status_id", "status", "event_timestamp_ms", "superseded", "payload",
    ]  # fmt: skip


class PaymentTransactionViewSet(ModelViewSet):
    """Every payment interaction; staff act on an order from its "Payments and shipping" page."""

    model = PaymentTransaction
    icon = "doc-full"
    menu_label = _("Payment transactions")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []
    list_display = ["created_at", "order", "provider", "kind", "amount", "currency", "status", "provider_reference"]
    list_filter = ["provider", "kind", "status"]
    search_fields = ["order__number", "provider_reference"]

    def get_queryset(self, request):
        return PaymentTransaction.objects.select_related("order")


class ShipmentInspectView(InspectView):
    def get_label_display_value(self):
        """The label through the view that checks permission, never its storage name (which holds the token)."""
        if not self.object.label:
            return "-"
        url = reverse("integrations_shipment_label", args=[self.object.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF"))


class ShipmentViewSet(ModelViewSet):
    """Parcels; filter on "Failed" to see what needs a retry (from the order's payments page)."""

    model = Shipment
    icon = "doc-full"
    menu_label = _("Shipments")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []
    list_display = [
        "created_at",
        "order",
        "reference",
        "status",
        "tracking_number",
        "carrier_status",
        "attempts",
        "error",
    ]
    list_filter = ["status"]
    search_fields = ["order__number", "reference", "tracking_number", "provider_parcel_id"]
    inspect_view_class = ShipmentInspectView

    def get_queryset(self, request):
        return Shipment.objects.select_related("order")


class ProviderLogViewSetGroup(ViewSetGroup):
    menu_label = _("Provider logs")
    menu_icon = "site"
    items = (
        PaymentNotificationLogViewSet("payment_notifications"),
        ShippingWebhookLogViewSet("shipping_webhooks"),
        PaymentTransactionViewSet("payment_transactions"),
        ShipmentViewSet("shipments"),
    )
