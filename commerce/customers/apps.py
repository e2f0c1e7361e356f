from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    """Shopper accounts: address book, account page, login hook (allauth does the authentication)."""

    name = "commerce.customers"
    label = "customers"
    verbose_name = _("Customers")

    def ready(self):
        from . import receivers  # noqa: F401
