"""Read-only outbox listing for staff: what was sent to whom, what failed and why."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Notification


class NotificationPermissionPolicy(ModelPermissionPolicy):
    """notifications.view_notification lists and inspects; nobody edits the outbox by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class NotificationViewSet(ModelViewSet):
    model = Notification
    name = "notifications_notification"
    menu_label = _("Notifications")
    icon = "mail"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["kind", "recipient", "status", "attempts", "order", "created_at", "sent_at"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["recipient", "dedupe_key"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "channel",
        "recipient",
        "language",
        "status",
        "attempts",
        "last_error",
        "dedupe_key",
        "order",
        "context",
        "created_at",
        "sent_at",
    ]
    copy_view_enabled = False
    form_fields = []

    def get_queryset(self, request):
        return Notification.objects.select_related("order")


register_permission_policy(Notification, NotificationPermissionPolicy(Notification))
notification_viewset = NotificationViewSet()


@hooks.register("register_admin_viewset")
def register_notification_viewset():
    return notification_viewset
