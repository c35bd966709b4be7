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
        register_integrity_check("stock quants", integrity.check_quants)
        register_integrity_check("stock valuation", integrity.check_valuation)
        register_demo(35, "inventory", demo.load)
