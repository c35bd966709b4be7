from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "ronghe.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from ronghe.messaging.registry import register_sender_lookup

        register_sender_lookup(sender_by_email)
        from ronghe.core.registry import register_demo
        from ronghe.core.services import sequence_register
        from ronghe.web.registry import (
            DashboardCard,
            MenuItem,
            SearchProvider,
            register_dashboard_card,
            register_menu,
            register_search,
        )

        from . import dashboard, demo

        sequence_register("partners.partner", prefix="P", reset="never", pattern="{prefix}{n:06d}")
        register_demo(20, "partners", demo.load)
        register_menu(
            MenuItem(
                "crm",
                _("Customers"),
                "partners:partner-list",
                icon="people",
                perm="partners.view_partner",
                order=10,
                query="role=customer",
            )
        )
        register_menu(
            MenuItem(
                "crm",
                _("Contacts"),
                "partners:contact-list",
                icon="person-lines-fill",
                perm="partners.view_partner",
                order=20,
            )
        )
        register_menu(
            MenuItem(
                "erp",
                _("Suppliers"),
                "partners:supplier-list",
                icon="truck",
                perm="partners.view_partner",
                order=30,
            )
        )
        register_dashboard_card(
            DashboardCard("partners.customers", 10, dashboard.customers_card, perm="partners.view_partner")
        )
        register_dashboard_card(
            DashboardCard("partners.by_region", 80, dashboard.region_chart, perm="partners.view_partner")
        )
        register_search(
            SearchProvider("partners", _("Partners"), dashboard.search, perm="partners.view_partner")
        )


def sender_by_email(*, company_id, address: str):
    """The mail gateway recognises an e-mail from a known customer, supplier or contact (an active one)."""
    from .models import Partner

    address = (address or "").strip().lower()
    if not address or company_id is None:
        return None
    return (
        Partner.objects.filter(company_id=company_id, email__iexact=address, active=True)
        .order_by("pk")
        .first()
    )
