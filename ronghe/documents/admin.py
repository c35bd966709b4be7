from django.contrib import admin

from .models import Document, Folder, FolderGrant


class GrantInline(admin.TabularInline):
    model = FolderGrant
    extra = 0


@admin.register(Folder)
class FolderAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "owner", "inherit", "company"]
    list_filter = ["company"]
    inlines = [GrantInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "folder", "tags", "checked_out_by", "company"]
    list_filter = ["company"]
    search_fields = ["name", "description", "tags"]
    readonly_fields = ["current", "checked_out_by", "checked_out_at"]
