from django.contrib import admin

from .models import (
    Account,
    AccountingSettings,
    BankAccount,
    Invoice,
    Payment,
    Period,
    Project,
    Voucher,
    VoucherTemplate,
)


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "direction", "is_leaf", "active", "company")
    list_filter = ("company", "category", "active")
    search_fields = ("code", "name", "name_en")
    readonly_fields = ("is_leaf", "level", "parent", "code", "category", "direction")

    def has_add_permission(self, request):
        return False  # new accounts come from the chart page / API (services keep the tree right)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active", "company")
    list_filter = ("company", "active")
    search_fields = ("code", "name")


@admin.register(AccountingSettings)
class AccountingSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "company",
        "words",
        "reviewer_must_differ",
        "stock_vouchers",
        "taxpayer_type",
        "write_off_limit",
    )


@admin.register(VoucherTemplate)
class VoucherTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "word", "company")
    list_filter = ("company",)


class ReadOnly(admin.ModelAdmin):
    """Vouchers and periods change only through the services (numbers, balances and the audit follow)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Voucher)
class VoucherAdmin(ReadOnly):
    list_display = ("__str__", "period", "date", "state", "kind", "total_debit", "company")
    list_filter = ("company", "state", "kind")


@admin.register(Period)
class PeriodAdmin(ReadOnly):
    list_display = ("__str__", "state", "closed_by", "closed_at", "company")
    list_filter = ("company", "state")


@admin.register(BankAccount)
class BankAccountAdmin(admin.ModelAdmin):
    list_display = ("name", "bank_name", "account_number", "currency", "account", "active", "company")
    list_filter = ("company", "active", "currency")
    search_fields = ("name", "bank_name", "account_number")
    readonly_fields = ("account", "currency")  # the GL account and currency are fixed once payments use them

    def has_add_permission(self, request):
        return False  # added on the bank accounts page (the service checks the GL account)


@admin.register(Invoice)
class InvoiceAdmin(ReadOnly):
    list_display = (
        "__str__",
        "kind",
        "is_refund",
        "partner",
        "date",
        "state",
        "amount_total",
        "amount_open",
        "company",
    )
    list_filter = ("company", "kind", "state", "is_refund")
    search_fields = ("number", "fapiao_number", "partner__name")


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("__str__", "kind", "partner", "date", "state", "amount", "amount_unallocated", "company")
    list_filter = ("company", "kind", "state")
    search_fields = ("number", "reference", "partner__name")
