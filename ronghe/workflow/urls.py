from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("bulk-approve/", views.bulk_approve, name="bulk-approve"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/<str:action>/", views.request_act, name="request-act"),
    path("deputies/", views.delegations, name="delegations"),
    path("deputies/<int:pk>/end/", views.delegation_end, name="delegation-end"),
    path("flows/", views.flow_list, name="flow-list"),
    path("flows/<str:approvable_type>/", views.flow_edit, name="flow-edit"),
    path("flows/<str:approvable_type>/preview/", views.flow_preview, name="flow-preview"),
]
