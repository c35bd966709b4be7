from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "ronghe.inventory"
    label = "inventory"
    verbose_name = _("Inventory")

    def ready(self):
        from ronghe.core.registry import register_demo, register_integrity_check
        from ronghe.core.services import sequence_register

        from . import demo, integrity

        sequence_register("inventory.receipt", prefix="RK", reset="month")
        sequence_register("inventory.delivery", prefix="CK", reset="month")
        sequence_register("inventory.internal", prefix="DB", reset="month")
        sequence_register("inventory.return", prefix="TH", reset="month")
        sequence_register("inventory.count", prefix="PD", reset="month")
        from ronghe.core.events import subscribe
        from ronghe.workflow.events import ApprovalDecided, ApprovalWithdrawn
        from ronghe.workflow.registry import register_approvable

        from . import counts
        from .approvable import APPROVABLE

        register_approvable(APPROVABLE)
        from ronghe.web.registry import RecordPanel, register_panel

        from . import panels

        register_panel(
            RecordPanel(
                "inventory.transfers",
                "partners.partner",
                15,
                panels.partner_transfers,
                perm="inventory.view_transfer",
            )
        )
        subscribe(ApprovalDecided, counts.on_approval_decided, after_commit=False)
        subscribe(ApprovalWithdrawn, counts.on_approval_withdrawn, after_commit=False)
        register_integrity_check("stock quants", integrity.check_quants)
        register_integrity_check("stock valuation", integrity.check_valuation)
        register_integrity_check("stock month balances", integrity.check_periods)
        register_demo(35, "inventory", demo.load)
        from ronghe.web.registry import MenuItem, register_menu

        perm = "inventory.view_stockmove"
        register_menu(
            MenuItem(
                "erp",
                _("Transfers"),
                "inventory:transfer-list",
                icon="arrow-left-right",
                perm="inventory.view_transfer",
                order=20,
            )
        )
        register_menu(
            MenuItem("erp", _("Stock on hand"), "inventory:stock", icon="boxes", perm=perm, order=21)
        )
        register_menu(
            MenuItem(
                "erp", _("Stock summary"), "inventory:summary", icon="clipboard-data", perm=perm, order=22
            )
        )
        register_menu(
            MenuItem("erp", _("Stock moves"), "inventory:moves", icon="clock-history", perm=perm, order=23)
        )
        register_menu(
            MenuItem(
                "erp",
                _("Stock counts"),
                "inventory:count-list",
                icon="clipboard-check",
                perm="inventory.view_transfer",
                order=24,
            )
        )
