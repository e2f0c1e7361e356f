from django.apps import AppConfig


class NaturwestConfig(AppConfig):
    name = "naturwest"
    verbose_name = "Naturwest platform"
