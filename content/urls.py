"""Language-prefixed content URLs (mounted inside i18n_patterns, before Wagtail's catch-all)."""

from django.urls import path

from content import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search-suggest"),
    path("withdrawal-form.pdf", views.withdrawal_form_pdf, name="withdrawal-form-pdf"),
]
