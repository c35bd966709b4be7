"""Events sales publishes (CRM marks the opportunity won on SalesOrderConfirmed)."""

from dataclasses import dataclass
from decimal import Decimal

from ronghe.core.events import DomainEvent


@dataclass(frozen=True)
class SalesOrderConfirmed(DomainEvent):
    order_id: int
    company_id: int
    partner_id: int
    amount_total: Decimal

    def timeline_target(self):
        return ("sales.salesorder", self.order_id)

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Sales order confirmed")
