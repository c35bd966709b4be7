from django.contrib import admin

from .models import InventorySettings, Location, Lot, ReorderRule, StockCount, StockMove, Transfer, Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "company", "stock_location", "allow_negative", "active")
    list_filter = ("company",)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("full_name", "usage", "warehouse", "company", "active")
    list_filter = ("company", "usage")
    search_fields = ("full_name", "barcode")
    readonly_fields = ("full_name",)


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ("name", "product", "expiry_date", "company")
    search_fields = ("name",)


@admin.register(ReorderRule)
class ReorderRuleAdmin(admin.ModelAdmin):
    list_display = ("product", "warehouse", "min_qty", "max_qty", "active")


@admin.register(InventorySettings)
class InventorySettingsAdmin(admin.ModelAdmin):
    list_display = ("company", "count_approval_threshold", "backdate_policy")


class ReadOnly(admin.ModelAdmin):
    """Stock documents change only through the services (quants and values must follow)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transfer)
class TransferAdmin(ReadOnly):
    list_display = ("number", "kind", "warehouse", "partner", "state", "scheduled_date")
    list_filter = ("kind", "state")


@admin.register(StockMove)
class StockMoveAdmin(ReadOnly):
    list_display = (
        "reference",
        "product",
        "product_qty",
        "location_src",
        "location_dest",
        "state",
        "value",
        "date",
    )
    list_filter = ("state",)


@admin.register(StockCount)
class StockCountAdmin(ReadOnly):
    list_display = ("number", "warehouse", "state", "difference_value", "date")
