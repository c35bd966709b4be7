"""The JSON API at /api/v1 (OpenAPI: /api/v1/openapi.json, docs: /api/v1/docs)."""

from ninja import NinjaAPI

from ronghe.accounting.api import router as accounting_router
from ronghe.accounting.api_subledger import router as subledger_router
from ronghe.core.api import router as core_router
from ronghe.core.apikit import TokenOrSessionAuth, install_error_handlers
from ronghe.crm.api import router as crm_router
from ronghe.documents.api import router as documents_router
from ronghe.inventory.api import router as inventory_router
from ronghe.meetings.api import router as meetings_router
from ronghe.messaging.api import router as messaging_router
from ronghe.oaforms.api import router as oaforms_router
from ronghe.org.api import router as org_router
from ronghe.partners.api import router as partners_router
from ronghe.products.api import router as products_router
from ronghe.purchasing.api import router as purchasing_router
from ronghe.sales.api import router as sales_router
from ronghe.timeline.api import notifications_router
from ronghe.timeline.api import router as timeline_router
from ronghe.workflow.api import router as workflow_router

api = NinjaAPI(
    title="Ronghe API",
    version="1",
    description="Ronghe 融合 — OA, CRM and ERP. Authenticate with `Authorization: Bearer <token>` "
    "(create tokens under Settings → API tokens). Errors: `{code, message, fields}`.",
    auth=TokenOrSessionAuth(),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/core", core_router)
api.add_router("/org", org_router)
api.add_router("/partners", partners_router)
api.add_router("/products", products_router)
api.add_router("/timeline", timeline_router)
api.add_router("/notifications", notifications_router)
api.add_router("/approvals", workflow_router)
api.add_router("/messaging", messaging_router)
api.add_router("/documents", documents_router)
api.add_router("/meetings", meetings_router)
api.add_router("/forms", oaforms_router)
api.add_router("/inventory", inventory_router)
api.add_router("/accounting", accounting_router)
api.add_router("/accounting", subledger_router)
api.add_router("/sales", sales_router)
api.add_router("/crm", crm_router)
api.add_router("/purchasing", purchasing_router)
