from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo shop and its `seed_demo` command: installed by the dev settings only, never in production."""

    name = "demo"
    verbose_name = "Demo shop"
