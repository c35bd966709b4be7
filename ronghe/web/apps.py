from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "ronghe.web"
    label = "web"
    verbose_name = _("User interface")

    def ready(self):
        from .registry import MenuItem, register_menu

        register_menu(MenuItem("settings", _("My profile"), "web:profile", icon="person-circle", order=90))
        register_menu(MenuItem("settings", _("API tokens"), "web:api-tokens", icon="key", order=92))
        register_menu(
            MenuItem(
                "settings", _("Audit log"), "web:audit-log", icon="shield-check", admin_only=True, order=95
            )
        )
        register_menu(MenuItem("oa", _("Notifications"), "web:notifications", icon="bell", order=10))
