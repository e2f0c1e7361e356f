"""Admin registrations: the search log as a read-only listing under Reports."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from content.models import SearchQueryLog


class SearchQueryLogViewSet(ModelViewSet):
    model = SearchQueryLog
    menu_label = _("Search queries")
    icon = "search"
    add_to_reports_menu = True
    list_display = ["query", "locale", "results_count", "created_at"]
    list_filter = ["locale"]
    search_fields = ["query"]
    inspect_view_enabled = True
    form_fields = ["query", "locale", "results_count"]


@hooks.register("register_admin_viewset")
def register_search_query_log():
    return SearchQueryLogViewSet("search_queries")
