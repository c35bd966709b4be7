from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from .api import api

admin.site.site_header = "Ronghe 融合"
admin.site.site_title = "Ronghe"

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("partners/", include("ronghe.partners.urls")),
    path("products/", include("ronghe.products.urls")),
    path("org/", include("ronghe.org.urls")),
    path("timeline/", include("ronghe.timeline.urls")),
    path("approvals/", include("ronghe.workflow.urls")),
    path("messaging/", include("ronghe.messaging.urls")),
    path("documents/", include("ronghe.documents.urls")),
    path("meetings/", include("ronghe.meetings.urls")),
    path("forms/", include("ronghe.oaforms.urls")),
    path("inventory/", include("ronghe.inventory.urls")),
    path("accounting/", include("ronghe.accounting.urls")),
    path("sales/", include("ronghe.sales.urls")),
    path("crm/", include("ronghe.crm.urls")),
    path("purchasing/", include("ronghe.purchasing.urls")),
    path("", include("ronghe.web.urls")),
]

# Public uploads only (logos, avatars). Attachments are downloaded through the timeline, which checks
# that the user may see the record they belong to.
urlpatterns += [
    re_path(r"^media/(?P<path>(company/logo|avatars)/[^/]+)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
