from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"

    def ready(self):
        from content.signal_handlers import register_signal_handlers

        register_signal_handlers()
