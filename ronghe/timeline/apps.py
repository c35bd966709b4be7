from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "ronghe.timeline"
    label = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from ronghe.core.audit import add_change_listener
        from ronghe.core.events import subscribe_all

        from . import services

        add_change_listener(services.on_model_change)
        subscribe_all(services.on_event)
