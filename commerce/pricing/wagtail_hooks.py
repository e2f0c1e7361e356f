"""Price lists (with category/brand discounts inline), entries with their tiers inline, quantity rules.

Wagtail nests one InlinePanel level per form, so entries (with tiers) get their own
listing, filtered by price list, rather than sitting inside the price list form.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PriceList, PriceListEntry, VariantQuantityRule


class PriceListViewSet(SnippetViewSet):
    model = PriceList
    icon = "list-ul"
    menu_label = _("Price lists")
    list_display = ["name", "valid_from", "valid_until", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    search_backend_name = None


class PriceListEntryViewSet(SnippetViewSet):
    model = PriceListEntry
    icon = "table"
    menu_label = _("Price list entries")
    list_display = ["variant", "price_list"]
    list_filter = ["price_list"]
    search_fields = ["variant__sku", "variant__product__title"]
    search_backend_name = None


class VariantQuantityRuleViewSet(SnippetViewSet):
    model = VariantQuantityRule
    icon = "sliders"
    menu_label = _("Quantity rules")
    list_display = ["variant", "b2b_min_quantity", "b2b_pack_multiple"]
    search_fields = ["variant__sku"]
    search_backend_name = None


class PricingViewSetGroup(ViewSetGroup):
    items = (PriceListViewSet, PriceListEntryViewSet, VariantQuantityRuleViewSet)
    menu_icon = "decimal"
    menu_label = _("Pricing")
    menu_order = 220


register_snippet(PricingViewSetGroup)
