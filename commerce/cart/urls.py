from django.urls import path

from . import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_detail, name="detail"),
    path("add/", views.cart_add, name="add"),
    path("mini/", views.mini_cart, name="mini"),
    path("line/<str:line_id>/", views.line_update, name="line_update"),
    path("line/<str:line_id>/remove/", views.line_remove, name="line_remove"),
    path("promo/", views.promo_apply, name="promo_apply"),
    path("promo/<int:code_id>/remove/", views.promo_remove, name="promo_remove"),
    path("reorder/<uuid:public_id>/", views.reorder, name="reorder"),
]
