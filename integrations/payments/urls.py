"""Buyer-facing payment pages, looked up by the order's public uuid (never pk or number)."""

from django.urls import path

from integrations.payments import views

app_name = "payments"

urlpatterns = [
    path("<uuid:public_id>/", views.payment_page, name="payment"),
    path("<uuid:public_id>/start/", views.start_payment, name="start"),
    path("<uuid:public_id>/return/success/", views.return_success, name="return-success"),
    path("<uuid:public_id>/return/decline/", views.return_decline, name="return-decline"),
    path("<uuid:public_id>/status/", views.payment_status, name="status"),
]
