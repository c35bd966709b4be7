from django.contrib import admin

from .models import ApprovalRequest, Delegation, Flow, FlowVersion


class VersionInline(admin.TabularInline):
    model = FlowVersion
    extra = 0
    readonly_fields = ("number", "spec", "created_at", "created_by")
    can_delete = False


@admin.register(Flow)
class FlowAdmin(admin.ModelAdmin):
    list_display = ("name", "approvable_type", "company", "current_version", "active")
    list_filter = ("company", "active")
    inlines = [VersionInline]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "initiator", "state", "submitted_at")
    list_filter = ("state", "approvable_type")
    search_fields = ("number", "title")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("user", "deputy", "start_date", "end_date", "active")
