from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "ronghe.products"
    label = "products"
    verbose_name = _("Products")

    def ready(self):
        from ronghe.core.registry import register_demo
        from ronghe.web.registry import (
            DashboardCard,
            MenuItem,
            SearchProvider,
            register_dashboard_card,
            register_menu,
            register_search,
        )

        from . import dashboard, demo

        register_demo(30, "products", demo.load)
        register_menu(
            MenuItem(
                "erp",
                _("Products"),
                "products:product-list",
                icon="box-seam",
                perm="products.view_product",
                order=10,
            )
        )
        register_dashboard_card(
            DashboardCard("products.count", 20, dashboard.products_card, perm="products.view_product")
        )
        register_search(
            SearchProvider("products", _("Products"), dashboard.search, perm="products.view_product")
        )
