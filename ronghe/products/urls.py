from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("", views.product_list, name="product-list"),
    path("new/", views.product_create, name="product-create"),
    path("<int:pk>/", views.product_detail, name="product-detail"),
    path("<int:pk>/edit/", views.product_edit, name="product-edit"),
]
