from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import DomainError


class InsufficientStockError(DomainError):
    code = "inventory.insufficient_stock"
    http_status = 409
    default_message = _("Not enough stock.")


class TrackingError(DomainError):
    code = "inventory.tracking"
    http_status = 422
    default_message = _("This product needs a lot or serial number.")
