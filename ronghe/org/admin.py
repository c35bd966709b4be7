from django.contrib import admin

from .models import Department, Employee, Position


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "head", "company", "active")
    list_filter = ("company",)
    search_fields = ("name", "code")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "active")


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "department", "position", "manager", "user", "active")
    list_filter = ("company", "department")
    search_fields = ("number", "name")
    raw_id_fields = ("manager", "user")
