from django.urls import path

from . import views

app_name = "oaforms"

urlpatterns = [
    path("", views.template_list, name="template-list"),
    path("new/<slug:code>/", views.request_create, name="request-create"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request-edit"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request-withdraw"),
    path("workdays/", views.workdays, name="workdays"),
    path("templates/", views.template_admin, name="template-admin"),
    path("templates/<slug:code>/", views.template_edit, name="template-edit"),
]
