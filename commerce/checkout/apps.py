from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    name = "commerce.checkout"
    label = "checkout"
    verbose_name = _("Checkout")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from commerce.orders import providers

        from .payment import Invoice, Prepayment

        providers.register_payment_method(Prepayment())
        providers.register_payment_method(Invoice())
