from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("", views.mail_list, name="mail-list"),
    path("compose/", views.compose, name="compose"),
    path("inbound/", views.inbound_list, name="inbound-list"),
    path("announcements/", views.announcement_list, name="announcement-list"),
    path("announcements/new/", views.announcement_form, name="announcement-create"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement-detail"),
    path("announcements/<int:pk>/<str:action>/", views.announcement_act, name="announcement-act"),
    path("<int:pk>/", views.mail_detail, name="mail-detail"),
    path("<int:pk>/<str:action>/", views.mail_act, name="mail-act"),
]
