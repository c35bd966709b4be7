from django.contrib import admin

from .models import InboundEmail, MailAlias, OutboundEmail


@admin.register(MailAlias)
class MailAliasAdmin(admin.ModelAdmin):
    list_display = ["address", "handler", "company", "active"]
    list_filter = ["company", "active"]
    filter_horizontal = ["owners"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "handler":
            from django import forms
            from django.utils.translation import gettext_lazy as _

            from .registry import alias_handlers

            choices = [("notify", _("Internal mail to the owners"))] + [
                (h.key, h.label) for h in alias_handlers.values()
            ]
            return forms.ChoiceField(choices=choices, label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "state", "attempts", "sent_at", "company"]
    list_filter = ["state", "company"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "from_address", "state", "verified", "received_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in InboundEmail._meta.fields]
