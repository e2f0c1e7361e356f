"""Everything under /account/ (German, no prefix) and /en/account/: allauth's pages and ours.

All of them are private: every view answers with `Cache-Control: private, no-store`.
"""

from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.cache import never_cache

from . import views

customer_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("addresses/", views.address_list, name="address_list"),
    path("addresses/new/", views.address_create, name="address_create"),
    path("addresses/<int:address_id>/edit/", views.address_update, name="address_update"),
    path("addresses/<int:address_id>/delete/", views.address_delete, name="address_delete"),
    re_path(
        r"^addresses/(?P<address_id>[0-9]+)/default/(?P<kind>shipping|billing)/$",
        views.address_set_default,
        name="address_set_default",
    ),
]


def _private(patterns):
    """Copy URL patterns with every view wrapped in never_cache (allauth's views set no caching headers)."""
    private = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            private.append(
                URLResolver(
                    pattern.pattern,
                    _private(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        elif isinstance(pattern, URLPattern):
            private.append(
                URLPattern(pattern.pattern, never_cache(pattern.callback), pattern.default_args, pattern.name)
            )
    return private


urlpatterns = [
    path("", include((customer_patterns, "customers"))),
    path("", include(_private(include("allauth.urls")[0].urlpatterns))),
]
