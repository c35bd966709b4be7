from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "ronghe.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from ronghe.core.registry import register_demo
        from ronghe.core.scoping import register_department_resolver
        from ronghe.web.registry import MenuItem, register_menu

        from . import demo, services

        register_department_resolver(services.department_user_ids)
        register_demo(10, "org", demo.load)
        register_menu(
            MenuItem(
                "hr",
                _("Departments"),
                "org:department-list",
                icon="diagram-3",
                perm="org.view_department",
                order=10,
            )
        )
        register_menu(
            MenuItem(
                "hr",
                _("Employees"),
                "org:employee-list",
                icon="person-vcard",
                perm="org.view_employee",
                order=20,
            )
        )
