from django.contrib import admin

from .models import PriceList, PriceListItem, SalesOrder, SalesSettings


class PriceListItemInline(admin.TabularInline):
    model = PriceListItem
    extra = 1
    autocomplete_fields = ("product",)


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ("name", "partner", "tag", "date_from", "date_to", "active", "company")
    list_filter = ("company", "active")
    search_fields = ("name",)
    inlines = [PriceListItemInline]


@admin.register(SalesSettings)
class SalesSettingsAdmin(admin.ModelAdmin):
    list_display = ("company", "discount_limit", "credit_control")


@admin.register(SalesOrder)
class SalesOrderAdmin(admin.ModelAdmin):
    """Read-only: orders change through their services (numbers, stock and approvals follow)."""

    list_display = ("number", "partner", "date", "state", "approval_state", "amount_total", "company")
    list_filter = ("company", "state")
    search_fields = ("number", "partner__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
