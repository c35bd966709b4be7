from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import DomainError


class PeriodClosedError(DomainError):
    code = "accounting.period_closed"
    http_status = 409
    default_message = _("This accounting period is closed.")


class UnbalancedError(DomainError):
    code = "accounting.unbalanced"
    http_status = 422
    default_message = _("Debits and credits are not equal.")
