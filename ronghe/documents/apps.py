import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ronghe.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from ronghe.core.registry import register_demo
        from ronghe.core.scheduler import schedule
        from ronghe.web.registry import MenuItem, register_menu

        from . import demo

        register_demo(65, "documents", demo.load)
        schedule(
            "documents.index_attachments",
            every=datetime.timedelta(minutes=1),
            path="ronghe.documents.services.index_new_attachments",
        )
        register_menu(MenuItem("oa", _("Documents"), "documents:home", icon="folder2-open", order=5))
