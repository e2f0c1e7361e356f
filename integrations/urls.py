"""Provider callback endpoints. Stable: they are configured at the providers (see docs/integrations.md)."""

from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("vendo/postback/<str:token>/", views.vendo_postback, name="vendo-postback"),
    path("sendcloud/webhook/", views.sendcloud_webhook, name="sendcloud-webhook"),
]
