import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "ronghe.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from ronghe.core.registry import register_demo
        from ronghe.core.scheduler import schedule
        from ronghe.web.registry import MenuItem, register_menu

        from . import demo

        register_demo(70, "meetings", demo.load)
        schedule(
            "meetings.remind", every=datetime.timedelta(minutes=1), path="ronghe.meetings.services.remind_due"
        )
        register_menu(MenuItem("oa", _("Calendar"), "meetings:calendar", icon="calendar-week", order=6))
        register_menu(MenuItem("oa", _("Meeting rooms"), "meetings:rooms", icon="door-open", order=7))
        from ronghe.web.registry import RecordPanel, register_panel

        from . import panels

        register_panel(RecordPanel("meetings.partner", "partners.partner", 35, panels.partner_meetings))
