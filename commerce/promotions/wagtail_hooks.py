from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PromoCode


class PromoCodeViewSet(ModelViewSet):
    """Staff manage codes here; `times_used` is read-only (counted at order placement)."""

    model = PromoCode
    menu_label = _("Promo codes")
    icon = "tag"
    menu_order = 210
    add_to_admin_menu = True
    name = "promotions_promocode"
    list_display = ["code", "kind", "value", "audience", "active", "times_used", "usage_limit", "valid_until"]
    list_filter = ["kind", "audience", "active", "combinable"]
    search_fields = ["code", "description"]
    search_backend_name = None
    list_export = [
        "code",
        "kind",
        "value",
        "audience",
        "active",
        "times_used",
        "usage_limit",
        "valid_from",
        "valid_until",
    ]
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("active")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("brands"), FieldPanel("products")],
            heading=_("Scope (empty: whole order)"),
        ),
        FieldRowPanel([FieldPanel("minimum_order_value"), FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("usage_limit"), FieldPanel("per_customer_limit")]),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("combinable"), FieldPanel("applies_to_b2b_net")]),
    ]


promo_code_viewset = PromoCodeViewSet()


@hooks.register("register_admin_viewset")
def register_promo_code_viewset():
    return promo_code_viewset
