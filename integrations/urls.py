"""Provider callback endpoints. Stable: they are configured at the providers (see docs/integrations.md)."""

from django.urls import path

from integrations.payments.vendo import views as vendo_views
from integrations.shipping.sendcloud import views as sendcloud_views

app_name = "integrations"

urlpatterns = [
    path("vendo/postback/<str:token>/", vendo_views.vendo_postback, name="vendo-postback"),
    path("sendcloud/webhook/", sendcloud_views.sendcloud_webhook, name="sendcloud-webhook"),
]
