from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "ronghe.purchasing"
    label = "purchasing"
    verbose_name = _("Purchasing")

    def ready(self):
        from ronghe.accounting.invoicing import register_post_guard
        from ronghe.core.events import subscribe
        from ronghe.core.registry import register_demo
        from ronghe.core.services import sequence_register
        from ronghe.inventory.events import StockMovesDone
        from ronghe.workflow.events import ApprovalDecided
        from ronghe.workflow.registry import register_approvable

        from . import demo, handlers, services
        from .approvable import MATCH, ORDER

        sequence_register("purchasing.order", prefix="PO", reset="month")
        register_demo(44, "purchasing", demo.load)
        subscribe(StockMovesDone, handlers.on_stock_moves_done, after_commit=False)
        subscribe(ApprovalDecided, handlers.on_approval_decided, after_commit=False)
        register_approvable(ORDER)
        register_approvable(MATCH)
        register_post_guard(services.post_guard)
        from ronghe.web.registry import MenuItem, register_menu

        register_menu(
            MenuItem(
                "erp",
                _("Purchase orders"),
                "purchasing:order-list",
                icon="cart",
                perm="purchasing.view_purchaseorder",
                order=2,
            )
        )
        register_menu(
            MenuItem(
                "erp",
                _("Expected receipts"),
                "purchasing:expected",
                icon="calendar-week",
                perm="purchasing.view_purchaseorder",
                order=3,
            )
        )
        register_menu(
            MenuItem(
                "erp",
                _("Supplier prices"),
                "purchasing:price-list",
                icon="tags",
                perm="purchasing.view_purchaseorder",
                order=3,
            )
        )
        register_menu(
            MenuItem(
                "reports",
                _("Purchase analysis"),
                "purchasing:analysis",
                icon="bar-chart-steps",
                perm="purchasing.view_purchaseorder",
                order=11,
            )
        )
        from ronghe.web.registry import RecordPanel, register_panel

        from . import panels

        register_panel(
            RecordPanel(
                "purchasing.orders",
                "partners.partner",
                20,
                panels.supplier_orders,
                perm="purchasing.view_purchaseorder",
            )
        )
