from django.contrib import admin

from .models import PurchaseOrder, PurchaseSettings, SupplierPrice


@admin.register(PurchaseSettings)
class PurchaseSettingsAdmin(admin.ModelAdmin):
    list_display = ("company", "approval_amount", "price_tolerance", "quantity_tolerance")


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
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


@admin.register(SupplierPrice)
class SupplierPriceAdmin(admin.ModelAdmin):
    list_display = (
        "product",
        "partner",
        "min_quantity",
        "price",
        "lead_days",
        "date_from",
        "date_to",
        "company",
    )
    list_filter = ("company",)
    search_fields = ("product__name", "product__code", "partner__name", "supplier_code")
    autocomplete_fields = ()
    raw_id_fields = ("partner", "product")
