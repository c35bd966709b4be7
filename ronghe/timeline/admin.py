from django.contrib import admin

from .models import Activity, Attachment, Notification


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("summary", "type", "assignee", "due_date", "state")
    list_filter = ("state", "type")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("name", "mime", "size", "uploaded_by", "created_at")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
