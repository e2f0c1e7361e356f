from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the providers with the shop's one registry (commerce.orders.providers)."""
        from commerce.orders import providers
        from integrations import checks  # noqa: F401  (registers the system checks)
        from integrations.payments.vendo.method import VendoPayment
        from integrations.shipping.sendcloud.method import SendcloudShipping

        sendcloud = SendcloudShipping()
        providers.register_shipping_method(sendcloud)
        providers.register_parcel_service(sendcloud)
        providers.register_payment_method(VendoPayment())
