from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "ronghe.crm"
    label = "crm"
    verbose_name = _("CRM")

    def ready(self):
        from ronghe.messaging.registry import AliasHandler, register_alias_handler

        from . import services as crm_services

        register_alias_handler(AliasHandler("crm.lead", _("Create a CRM lead"), crm_services.lead_from_email))
        from ronghe.core.events import subscribe
        from ronghe.core.registry import register_demo
        from ronghe.core.services import sequence_register
        from ronghe.partners.events import PartnersMerged
        from ronghe.partners.services import merge_handled_by_subscriber
        from ronghe.sales.events import SalesOrderConfirmed

        from . import demo, handlers, services

        register_demo(50, "crm", demo.load)
        import datetime

        from ronghe.core.scheduler import schedule

        schedule(
            "crm.pool_return", every=datetime.timedelta(hours=1), path="ronghe.crm.tasks.pool_return_all"
        )

        sequence_register("crm.lead", prefix="XS", reset="month")
        subscribe(SalesOrderConfirmed, services.on_sales_order_confirmed, after_commit=False)
        subscribe(PartnersMerged, handlers.on_partners_merged, after_commit=False)
        merge_handled_by_subscriber("crm.customerprofile")
        from ronghe.web.registry import MenuItem, RecordPanel, register_menu, register_panel

        from . import views

        for order, (label, url, icon, perm) in enumerate(
            [
                (_("Pipeline"), "crm:pipeline", "kanban", "crm.view_opportunity"),
                (_("Opportunities"), "crm:opportunity-list", "graph-up-arrow", "crm.view_opportunity"),
                (_("Leads"), "crm:lead-list", "funnel", "crm.view_lead"),
                (_("Public pool"), "crm:pool", "water", "crm.view_opportunity"),
            ]
        ):
            register_menu(MenuItem("crm", label, url, icon=icon, perm=perm, order=10 + order))
        register_menu(
            MenuItem(
                "settings",
                _("Sales teams"),
                "crm:team-list",
                icon="people",
                perm="crm.view_salesteam",
                order=40,
            )
        )
        register_menu(
            MenuItem(
                "reports",
                _("CRM reports"),
                "crm:reports",
                icon="funnel-fill",
                perm="crm.view_opportunity",
                order=5,
            )
        )
        from ronghe.web.registry import DashboardCard, register_dashboard_card

        from . import dashboard

        register_dashboard_card(
            DashboardCard("crm.followups", 5, dashboard.followups_card, perm="crm.add_followup")
        )
        register_dashboard_card(
            DashboardCard("crm.pipeline", 6, dashboard.pipeline_card, perm="crm.add_opportunity")
        )
        schedule("crm.overdue", every=datetime.timedelta(days=1), path="ronghe.crm.dashboard.notify_overdue")
        register_panel(RecordPanel("crm.approvals", "partners.partner", 40, views.approvals_panel))
        register_panel(
            RecordPanel(
                "crm.customer", "partners.partner", 5, views.customer_panel, perm="crm.view_opportunity"
            )
        )
