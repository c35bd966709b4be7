from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "ronghe.sales"
    label = "sales"
    verbose_name = _("Sales")

    def ready(self):
        from ronghe.core.events import subscribe
        from ronghe.core.registry import register_demo
        from ronghe.core.services import sequence_register
        from ronghe.inventory.events import StockMovesDone
        from ronghe.workflow.events import ApprovalDecided
        from ronghe.workflow.registry import register_approvable

        from . import demo, handlers
        from .approvable import APPROVABLE

        sequence_register("sales.order", prefix="SO", reset="month")
        register_demo(45, "sales", demo.load)
        subscribe(StockMovesDone, handlers.on_stock_moves_done, after_commit=False)
        subscribe(ApprovalDecided, handlers.on_approval_decided, after_commit=False)
        register_approvable(APPROVABLE)
        from ronghe.web.registry import MenuItem, register_menu

        register_menu(
            MenuItem(
                "erp",
                _("Quotations and orders"),
                "sales:order-list",
                icon="file-earmark-text",
                perm="sales.view_salesorder",
                order=1,
            )
        )
        register_menu(
            MenuItem(
                "reports",
                _("Sales analysis"),
                "sales:analysis",
                icon="bar-chart-line",
                perm="accounting.view_invoice",
                order=10,
            )
        )
        from ronghe.web.registry import RecordPanel, register_panel

        from . import panels

        register_panel(
            RecordPanel(
                "sales.orders", "partners.partner", 10, panels.customer_orders, perm="sales.view_salesorder"
            )
        )
