from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from commerce.orders.signals import order_accepted
        from integrations import checks  # noqa: F401  (registers the system checks)
        from integrations.payments.invoices import register_due_date_on_acceptance
        from integrations.shipping.tasks import queue_parcel_on_acceptance

        order_accepted.connect(register_due_date_on_acceptance, dispatch_uid="integrations.invoice_due_date")
        order_accepted.connect(queue_parcel_on_acceptance, dispatch_uid="integrations.parcel")
