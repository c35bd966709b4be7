from django.contrib import admin

from .models import Product, ProductCategory


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "company")
    list_filter = ("company",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "spec", "category", "type", "uom", "sale_price", "vat_rate", "active")
    list_filter = ("company", "type", "tracking", "active")
    search_fields = ("code", "name", "barcode")
