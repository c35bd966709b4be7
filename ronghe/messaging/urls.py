from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("", views.mail_list, name="mail-list"),
    path("compose/", views.compose, name="compose"),
    path("inbound/", views.inbound_list, name="inbound-list"),
    path("<int:pk>/", views.mail_detail, name="mail-detail"),
    path("<int:pk>/<str:action>/", views.mail_act, name="mail-act"),
]
