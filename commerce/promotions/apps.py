from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionsConfig(AppConfig):
    name = "commerce.promotions"
    label = "promotions"
    verbose_name = _("Promotions")
    default_auto_field = "django.db.models.BigAutoField"
