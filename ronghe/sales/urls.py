from django.urls import path

from . import views

app_name = "sales"

urlpatterns = [
    path("orders/", views.order_list, name="order-list"),
    path("analysis/", views.analysis_page, name="analysis"),
    path("atp/", views.atp, name="atp"),
    path("orders/new/", views.order_form, name="order-create"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
    path("orders/<int:pk>/edit/", views.order_form, name="order-edit"),
    path("orders/<int:pk>/pdf/", views.order_pdf, name="order-pdf"),
    path("orders/<int:pk>/<str:action>/", views.order_act, name="order-act"),
]
