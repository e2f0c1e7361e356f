"""Customer order pages and the online withdrawal function (inside i18n_patterns: German without prefix,
English under /en/)."""

from django.urls import path

from . import views, withdrawal_views

app_name = "orders"

urlpatterns = [
    path("account/orders/", views.history, name="history"),
    path("account/orders/<uuid:public_id>/", views.detail, name="detail"),
    path("account/orders/<uuid:public_id>/invoice.pdf", views.invoice_pdf, name="invoice"),
    path("account/orders/<uuid:public_id>/credit-notes/<str:number>.pdf", views.credit_note_pdf, name="credit_note"),
    path("order/<uuid:public_id>/confirmation/", views.confirmation, name="confirmation"),
    path("withdrawal/", withdrawal_views.start, name="withdrawal_start"),
    path("withdrawal/<uuid:public_id>/", withdrawal_views.declare, name="withdrawal_declare"),
    path("withdrawal/<uuid:public_id>/confirm/", withdrawal_views.confirm, name="withdrawal_confirm"),
    path("withdrawal/done/<uuid:public_id>/", withdrawal_views.done, name="withdrawal_done"),
]
