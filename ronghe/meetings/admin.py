from django.contrib import admin

from .models import Meeting, Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "capacity", "equipment", "location", "active", "company"]
    list_filter = ["company", "active"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "end", "room", "organizer", "state", "company"]
    list_filter = ["company", "state"]
    readonly_fields = ["uid", "sequence"]
