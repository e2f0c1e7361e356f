from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from integrations import admin_views
from integrations.admin_viewsets import ProviderLogViewSetGroup


@hooks.register("register_admin_viewset")
def register_provider_logs():
    return ProviderLogViewSetGroup()


@hooks.register("register_admin_urls")
def register_order_payment_urls():
    return [
        path("order-payments/<int:order_id>/", admin_views.order_payments, name="integrations_order_payments"),
        path("order-payments/<int:order_id>/refund/", admin_views.refund, name="integrations_order_refund"),
        path(
            "order-payments/<int:order_id>/shipment/<slug:action>/",
            admin_views.shipment_action,
            name="integrations_shipment_action",
        ),
        path("shipments/<int:shipment_id>/label.pdf", admin_views.shipment_label, name="integrations_shipment_label"),
        path("overdue-invoices/", admin_views.overdue_invoices, name="integrations_overdue_invoices"),
    ]


class OverdueInvoicesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_overdue_invoices_menu_item():
    return OverdueInvoicesMenuItem(
        _("Overdue invoices"), reverse("integrations_overdue_invoices"), icon_name="warning", order=210
    )
