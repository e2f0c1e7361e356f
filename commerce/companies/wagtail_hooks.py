"""Companies in the Wagtail admin: list with status filter, search by name and VAT ID."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import CompanyAdminForm
from .models import Company


class CompanyViewSet(SnippetViewSet):
    model = Company
    icon = "group"
    menu_label = _("B2B companies")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "vat_id", "country", "status", "price_list", "payment_terms", "created_at"]
    list_filter = ["status", "payment_terms", "country"]
    search_fields = ["name", "vat_id", "contact_email"]
    search_backend_name = None  # plain database lookups; companies are not in the search index
    list_export = ["name", "vat_id", "country", "status", "payment_terms", "credit_limit"]
    # The form sends status changes through the review service (who/when, notification hook).
    edit_handler = ObjectList(Company.panels, base_form_class=CompanyAdminForm)


register_snippet(CompanyViewSet)
