from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    """Shopper accounts: address book, account page (allauth does the authentication)."""

    name = "commerce.customers"
    label = "customers"
    verbose_name = _("Customers")
