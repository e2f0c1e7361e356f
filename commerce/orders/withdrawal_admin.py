"""Staff's list of withdrawals in the Wagtail admin: open ones first, by the date the refund is due.

A withdrawal is declared by the customer only (the online function); staff move it on
(return expected → return received → refunded) and keep a note. Nobody adds or deletes one here.
"""

from __future__ import annotations

import django_filters
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Withdrawal, WithdrawalStatus


class WithdrawalPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class WithdrawalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WithdrawalStatus.choices)

    class Meta:
        model = Withdrawal
        fields = ["status"]


class WithdrawalViewSet(ModelViewSet):
    model = Withdrawal
    menu_label = _("Withdrawals")
    icon = "undo"
    menu_order = 201
    add_to_admin_menu = True
    name = "orders_withdrawal"
    list_display = ["order", "name", "declared_at", "status", "refund_due_by", "whole_order"]
    filterset_class = WithdrawalFilterSet
    search_fields = ["order__number", "name", "email"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "order",
        "name",
        "email",
        "declared_at",
        "whole_order",
        "status",
        "refund_due_by",
        "staff_note",
    ]
    copy_view_enabled = False
    form_fields = ["status", "staff_note"]
    list_export = ["order", "name", "email", "declared_at", "whole_order", "status", "refund_due_by"]

    def get_queryset(self, request):
        """Open withdrawals on top (refund soonest due first), completed ones after them."""
        done = Case(
            When(status=WithdrawalStatus.REFUNDED, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        return Withdrawal.objects.select_related("order").order_by(done, "refund_due_by", "pk")


register_permission_policy(Withdrawal, WithdrawalPermissionPolicy(Withdrawal))
withdrawal_viewset = WithdrawalViewSet()
