from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .admin_views import (
    OrderActionView,
    OrderFilterSet,
    OrderInspectView,
    OrderPermissionPolicy,
    credit_note_download,
    invoice_download,
)
from .models import Order
from .withdrawal_admin import withdrawal_viewset


class OrderViewSet(ModelViewSet):
    model = Order
    menu_label = _("Orders")
    icon = "list-ul"
    menu_order = 200
    add_to_admin_menu = True
    name = "orders_order"
    list_display = ["number", "status", "email", "company_name", "customer_kind", "total_gross", "placed_at"]
    filterset_class = OrderFilterSet
    search_fields = ["number", "email", "company_name"]
    search_backend_name = None  # plain ORM lookups: orders are not in the Wagtail search index
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    copy_view_enabled = False
    form_fields = []  # the edit form is never shown: OrderPermissionPolicy refuses "change"
    list_export = ["number", "status", "email", "company_name", "customer_kind", "total_gross", "placed_at"]

    def get_queryset(self, request):
        return Order.objects.all()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("action/<int:pk>/<slug:action>/", OrderActionView.as_view(), name="action"),
            path("invoice/<int:pk>/", invoice_download, name="invoice"),
            path("credit-note/<int:pk>/<str:number>/", credit_note_download, name="credit_note"),
        ]


register_permission_policy(Order, OrderPermissionPolicy(Order))
order_viewset = OrderViewSet()


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return order_viewset


@hooks.register("register_admin_viewset")
def register_withdrawal_viewset():
    return withdrawal_viewset
