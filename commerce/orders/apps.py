from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "commerce.orders"
    label = "orders"
    verbose_name = _("Orders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import attachments, checks  # noqa: F401  (checks registers the system checks)

        attachments.register()
