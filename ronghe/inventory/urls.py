from django.urls import path

from . import views

app_name = "inventory"

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfer-list"),
    path("transfers/new/", views.transfer_create, name="transfer-create"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer-detail"),
    path("transfers/<int:pk>/<str:action>/", views.transfer_act, name="transfer-act"),
    path("stock/", views.stock, name="stock"),
    path("summary/", views.summary, name="summary"),
    path("moves/", views.move_history, name="moves"),
    path("replenishment/", views.replenishment_page, name="replenishment"),
    path("lots/", views.lot_search, name="lot-search"),
    path("lots/<int:pk>/", views.lot_trace_page, name="lot-trace"),
    path("age/", views.stock_age_page, name="stock-age"),
    path("opening/", views.opening_import_page, name="opening-import"),
    path("counts/", views.count_list, name="count-list"),
    path("counts/new/", views.count_create, name="count-create"),
    path("counts/<int:pk>/", views.count_detail, name="count-detail"),
    path("counts/<int:pk>/<str:action>/", views.count_act, name="count-act"),
]
