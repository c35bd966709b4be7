from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ronghe.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_migrate

        from . import audit, demo, integrity, services, setup
        from .registry import register_demo, register_integrity_check

        audit.install()
        post_migrate.connect(setup.ensure_base_data, sender=self, dispatch_uid="ronghe-base-data")
        register_demo(0, "core", demo.load)
        register_integrity_check("audit chain", audit.verify_chain)
        register_integrity_check("sequences", integrity.check_sequences)

        def _logged_out(sender, request, user, **kwargs):
            if user is not None:
                audit.audit_log(action="logout", obj=user, actor_id=user.pk, actor_name=user.get_username())

        user_logged_out.connect(_logged_out, dispatch_uid="ronghe-audit-logout")
        services.sequence_register("core.test", prefix="T")

        import datetime

        from .scheduler import schedule

        schedule(
            "core.db_optimize", every=datetime.timedelta(hours=6), path="ronghe.core.maintenance.db_optimize"
        )
