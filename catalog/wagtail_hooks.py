"""Admin for the catalogue: snippets for brands, certifications and attributes, and a variant/stock listing.

The variant listing is read-only on purpose: variants are part of their product page's
revisions, so an edit outside the page editor would be undone by the next publish of an
older draft. Each row links to the product's editor instead.
"""

from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from catalog.models import Attribute, Brand, CategoryPage, Certification, ProductVariant, StockState, source_language

STOCK_STATE_Q = {
    StockState.IN_STOCK: Q(stock_quantity__gt=F("low_stock_threshold")),
    StockState.LOW: Q(stock_quantity__gt=0, stock_quantity__lte=F("low_stock_threshold")),
    StockState.BACKORDER: Q(stock_quantity__lte=0, backorder_allowed=True),
    StockState.SOLD_OUT: Q(stock_quantity__lte=0, backorder_allowed=False),
}


class BrandViewSet(SnippetViewSet):
    model = Brand
    icon = "tag"
    menu_label = _("Brands")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "success"
    menu_label = _("Certifications")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class AttributeViewSet(SnippetViewSet):
    model = Attribute
    icon = "list-ul"
    menu_label = _("Attributes")
    list_display = ["group", "value", "slug"]
    list_filter = ["group"]
    search_fields = ["group", "value", "slug"]
    search_backend_name = None


def source_categories():
    return CategoryPage.objects.filter(locale__language_code=source_language()).order_by("path")


class VariantFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=lambda request: source_categories(), method="filter_category"
    )
    brand = django_filters.ModelChoiceFilter(
        label=_("Brand"), field_name="product__brand", queryset=lambda request: Brand.objects.all()
    )
    stock = django_filters.ChoiceFilter(label=_("Stock"), choices=StockState.choices, method="filter_stock")
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = ProductVariant
        fields = []

    def filter_category(self, queryset, name, value):
        return queryset.filter(product__path__startswith=value.path) if value else queryset

    def filter_stock(self, queryset, name, value):
        return queryset.filter(STOCK_STATE_Q[value]) if value in STOCK_STATE_Q else queryset


class VariantIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("product", "product__brand")

    def get_edit_url(self, instance):
        return reverse("wagtailadmin_pages:edit", args=[instance.product_id])

    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class VariantViewSet(ModelViewSet):
    """ "Variants / Stock": find any SKU among 10,000 products, filter by category, brand and stock state."""

    model = ProductVariant
    icon = "form"
    menu_label = _("Variants / Stock")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = VariantIndexView
    filterset_class = VariantFilterSet
    search_fields = ["sku", "ean", "product__title"]
    search_backend_name = None
    list_per_page = 50
    sort_order_field = None  # no drag-and-drop reordering across products
    ordering = ["product__title", "sort_order"]
    form_fields = ["stock_quantity"]
    list_display = [
        "sku",
        Column("product", label=_("Product"), accessor="product"),
        "size_label",
        Column("brand", label=_("Brand"), accessor="product.brand"),
        "retail_price",
        "stock_quantity",
        Column("stock_state", label=_("Stock state"), accessor="get_stock_state_display"),
        "active",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


register_snippet(BrandViewSet)
register_snippet(CertificationViewSet)
register_snippet(AttributeViewSet)
variant_viewset = VariantViewSet("variants")


@hooks.register("register_admin_viewset")
def register_variant_viewset():
    return variant_viewset


@hooks.register("register_log_actions")
def register_stock_log_actions(actions):
    from catalog.stock import STOCK_ADJUSTED

    actions.register_action(STOCK_ADJUSTED, _("Stock corrected"), _("Stock corrected"))


import catalog.importing.admin  # noqa: E402, F401  (product import admin views and menu item)
