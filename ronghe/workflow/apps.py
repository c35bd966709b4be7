from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "ronghe.workflow"
    label = "workflow"
    verbose_name = _("Approvals")

    def ready(self):
        from ronghe.core.registry import register_integrity_check
        from ronghe.core.services import sequence_register
        from ronghe.web.registry import DashboardCard, MenuItem, register_dashboard_card, register_menu

        from . import dashboard, integrity

        sequence_register("workflow.request", prefix="SP", reset="month")
        register_integrity_check("approvals", integrity.check_requests)
        register_menu(
            MenuItem(
                "oa",
                _("Approvals"),
                "workflow:inbox",
                icon="check2-square",
                order=1,
                badge=dashboard.todo_badge,
            )
        )
        register_menu(MenuItem("oa", _("My deputies"), "workflow:delegations", icon="person-up", order=40))
        register_menu(
            MenuItem(
                "settings",
                _("Approval flows"),
                "workflow:flow-list",
                icon="diagram-2",
                admin_only=True,
                order=80,
            )
        )
        register_dashboard_card(DashboardCard("workflow.todo", 1, dashboard.todo_card))
