from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ShippingZoneForm
from .models import PaymentOption, ShippingZone


class ShippingZoneViewSet(ModelViewSet):
    """Zones with their rates: what the checkout offers, the shipping table shows and the header promises."""

    model = ShippingZone
    menu_label = _("Shipping zones")
    icon = "globe"
    name = "shipping_zones"
    list_display = ["name", "countries", "consumer_free_from", "business_free_from", "position"]
    search_fields = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
            FieldPanel("countries"),
            FieldRowPanel(
                [FieldPanel("consumer_free_from"), FieldPanel("business_free_from")], heading=_("Free shipping")
            ),
            InlinePanel(
                "rates",
                heading=_("Rates"),
                label=_("Rate"),
                panels=[
                    FieldRowPanel([FieldPanel("customer_type"), FieldPanel("name"), FieldPanel("carrier_product")]),
                    FieldRowPanel([FieldPanel("price"), FieldPanel("min_days"), FieldPanel("max_days")]),
                    MultiFieldPanel(
                        [FieldPanel("provider_method_code"), FieldPanel("pickup_point_carrier")],
                        heading=_("Carrier"),
                    ),
                ],
            ),
        ],
        base_form_class=ShippingZoneForm,
    )


class PaymentOptionViewSet(ModelViewSet):
    model = PaymentOption
    menu_label = _("Payment options")
    icon = "form"
    name = "payment_options"
    list_display = ["method_code", "for_consumers", "for_businesses", "position"]
    search_fields = None
    panels = [
        FieldPanel("method_code"),
        FieldRowPanel([FieldPanel("for_consumers"), FieldPanel("for_businesses")]),
        FieldPanel("position"),
    ]


class ShippingViewSetGroup(ViewSetGroup):
    menu_label = _("Shipping & payment")
    menu_icon = "globe"
    menu_order = 220
    items = (ShippingZoneViewSet, PaymentOptionViewSet)


@hooks.register("register_admin_viewset")
def register_shipping_viewsets():
    return ShippingViewSetGroup()
