from django.contrib import admin

from .models import FollowUp, Lead, Opportunity, SalesTeam, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ("name", "seq", "probability", "is_won")


@admin.register(SalesTeam)
class SalesTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "leader", "territory", "pool_days", "claim_limit", "company")
    list_filter = ("company",)
    filter_horizontal = ("members",)
    inlines = [StageInline]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "seq", "probability", "is_won", "company")
    list_filter = ("company", "team")


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    """Read-only: leads change through their services (查重, conversion, ownership)."""

    list_display = ("number", "company_name", "contact_name", "status", "owner", "source", "company")
    list_filter = ("company", "status", "source")
    search_fields = ("number", "company_name", "contact_name", "phone", "email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("name", "partner", "stage", "state", "expected_amount", "owner", "company")
    list_filter = ("company", "state")
    search_fields = ("name", "partner__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "partner", "lead", "created_by", "company")
    list_filter = ("company", "kind")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
