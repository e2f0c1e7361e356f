"""Public B2B pages (inside i18n_patterns)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("apply/", views.apply, name="b2b_apply"),
    path("apply/received/", views.applied, name="b2b_applied"),
]
