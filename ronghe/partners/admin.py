from django.contrib import admin

from .models import Partner, PartnerAddress, PartnerBankAccount, PartnerTag, PaymentTerm


class BankInline(admin.TabularInline):
    model = PartnerBankAccount
    extra = 0


class AddressInline(admin.TabularInline):
    model = PartnerAddress
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "is_customer", "is_supplier", "owner", "credit_limit", "active")
    list_filter = ("company", "kind", "is_customer", "is_supplier", "active")
    search_fields = ("code", "name", "tax_id", "email", "mobile")
    raw_id_fields = ("parent", "owner")
    inlines = [AddressInline, BankInline]


@admin.register(PartnerTag)
class PartnerTagAdmin(admin.ModelAdmin):
    list_display = ("name", "color", "company")


@admin.register(PaymentTerm)
class PaymentTermAdmin(admin.ModelAdmin):
    list_display = ("name", "days", "company", "active")
