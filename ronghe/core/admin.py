from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    ApiToken,
    AuditEntry,
    Company,
    Currency,
    CurrencyRate,
    Membership,
    Role,
    RoleScope,
    Sequence,
    Unit,
    UnitCategory,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Ronghe"),
            {"fields": ("display_name", "phone", "language", "time_zone", "avatar", "active_company")},
        ),
    )
    list_display = ("username", "display_name", "email", "phone", "is_active", "is_staff")
    search_fields = ("username", "display_name", "email", "phone")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    filter_horizontal = ("roles",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "uscc", "currency", "active")
    search_fields = ("name", "name_en", "uscc")
    inlines = [MembershipInline]


class RoleScopeInline(admin.TabularInline):
    model = RoleScope
    extra = 0


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "company", "default_scope")
    list_filter = ("company",)
    filter_horizontal = ("permissions",)
    inlines = [RoleScopeInline]


@admin.register(Currency)
class CurrencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "symbol", "decimals", "active")


@admin.register(CurrencyRate)
class CurrencyRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "date", "rate", "company")
    list_filter = ("currency", "company")


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(UnitCategory)
class UnitCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    inlines = [UnitInline]


@admin.register(Sequence)
class SequenceAdmin(admin.ModelAdmin):
    list_display = ("company", "code", "period", "next_value")
    readonly_fields = ("next_value",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ("seq", "at", "actor_name", "action", "model", "object_repr", "ip")
    list_filter = ("action", "model")
    search_fields = ("object_repr", "actor_name", "object_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
