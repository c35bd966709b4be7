from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    # fixed prefixes first: "<label>/<pk>/" would otherwise swallow them
    path("activity/<int:pk>/done/", views.activity_done, name="activity-done"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("<str:label>/<int:pk>/", views.panel, name="panel"),
    path("<str:label>/<int:pk>/message/", views.message_post, name="message-post"),
    path("<str:label>/<int:pk>/activity/", views.activity_schedule, name="activity-schedule"),
    path("<str:label>/<int:pk>/follow/", views.follow_toggle, name="follow-toggle"),
    path("<str:label>/<int:pk>/attachment/", views.attachment_upload, name="attachment-upload"),
]
