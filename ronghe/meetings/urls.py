from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("rooms/", views.rooms, name="rooms"),
    path("people/", views.people, name="people"),
    path("new/", views.meeting_new, name="new"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.meeting, name="meeting"),
    path("<int:pk>/invite.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/<str:action>/", views.meeting_act, name="act"),
]
