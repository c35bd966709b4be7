from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OaformsConfig(AppConfig):
    name = "ronghe.oaforms"
    label = "oaforms"
    verbose_name = _("Request forms")

    def ready(self):
        from ronghe.core.events import subscribe
        from ronghe.core.registry import register_demo
        from ronghe.web.registry import MenuItem, register_menu
        from ronghe.workflow.events import ApprovalDecided, ApprovalReturned, ApprovalWithdrawn
        from ronghe.workflow.registry import register_approvable

        from . import demo, services
        from .approvable import APPROVABLE

        register_approvable(APPROVABLE)
        subscribe(ApprovalDecided, services.on_decided, after_commit=False)
        subscribe(ApprovalReturned, services.on_returned, after_commit=False)
        subscribe(ApprovalWithdrawn, services.on_withdrawn, after_commit=False)
        register_demo(40, "oaforms", demo.load)
        register_menu(MenuItem("oa", _("New request"), "oaforms:template-list", icon="plus-square", order=2))
        register_menu(
            MenuItem(
                "settings",
                _("Request forms"),
                "oaforms:template-admin",
                icon="ui-checks-grid",
                admin_only=True,
                order=81,
            )
        )
