from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("departments/", views.department_list, name="department-list"),
    path("departments/new/", views.department_create, name="department-create"),
    path("departments/<int:pk>/", views.department_detail, name="department-detail"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department-edit"),
    path("employees/", views.employee_list, name="employee-list"),
    path("employees/new/", views.employee_create, name="employee-create"),
    path("employees/<int:pk>/", views.employee_detail, name="employee-detail"),
    path("employees/<int:pk>/edit/", views.employee_edit, name="employee-edit"),
]
