from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "ronghe.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self):
        from ronghe.core.registry import register_demo

        from . import demo

        register_demo(60, "messaging", demo.load)
        from ronghe.web.registry import MenuItem, register_menu

        register_menu(
            MenuItem("oa", _("Mail"), "messaging:mail-list", icon="envelope", order=3, badge=unread_badge)
        )
        register_menu(
            MenuItem("oa", _("Announcements"), "messaging:announcement-list", icon="megaphone", order=4)
        )
        from ronghe.web.registry import DashboardCard, register_dashboard_card

        register_dashboard_card(DashboardCard("messaging.announcements", 1, announcements_card))
        register_menu(
            MenuItem(
                "settings",
                _("Incoming e-mail"),
                "messaging:inbound-list",
                icon="inbox",
                admin_only=True,
                order=93,
            )
        )


def unread_badge(request) -> int:
    from .selectors import unread_count

    return unread_count(user=request.user, company=request.company) if request.company else 0


def announcements_card(request):
    from django.utils.translation import gettext as _

    from .selectors import announcements_pending

    pending = announcements_pending(user=request.user, company=request.company)
    return {
        "title": _("Announcements to read"),
        "value": len(pending),
        "icon": "megaphone",
        "link": pending[0].get_absolute_url() if len(pending) == 1 else "/messaging/announcements/",
        "hint": pending[0].title if pending else _("nothing new"),
    }
