"""Events inventory publishes. Accounting subscribes to StockMovesDone to post the valuation voucher."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ronghe.core.events import DomainEvent


@dataclass(frozen=True)
class StockMoveDone(DomainEvent):
    """A move was done (published inside StockMovesDone). `kind`: "in" (into the company's stock), "out", "internal" or "external".
    `value` is signed like the stock: > 0 in, < 0 out, 0 for internal moves."""

    move_id: int
    company_id: int
    product_id: int
    quantity: Decimal  # in the product's unit, always positive
    value: Decimal
    kind: str
    date: datetime.date
    location_src_usage: str
    location_dest_usage: str
    reference: str
    transfer_id: int | None = None
    origin: str = ""  # the source document line the move serves (e.g. "sales.line:12")
    origin_move_id: int | None = None  # a return: the move it returns

    def timeline_target(self):
        return None  # the transfer writes one line for all its moves

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Stock moved: %(qty)s, value %(value)s") % {
            "qty": self.quantity.normalize(),
            "value": self.value,
        }


@dataclass(frozen=True)
class StockMovesDone(DomainEvent):
    """Moves done together — a transfer's validation — published once, so that subscribers work set-based
    (one stock voucher per delivery, one update of the order lines). `moves`: one StockMoveDone per move."""

    company_id: int
    transfer_id: int | None
    moves: tuple[StockMoveDone, ...]

    def timeline_target(self):
        return None  # the transfer writes one line for all its moves

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Moves done: %(n)s") % {"n": len(self.moves)}


@dataclass(frozen=True)
class StockValueAdjusted(DomainEvent):
    """The stock value of a product changed without a quantity: `value` > 0 raises it. Posted when a
    backdated move changes what later deliveries cost (reason "backdated": one adjustment today; "recost":
    the delivery `move_id` dated `date` was re-valued)."""

    company_id: int
    product_id: int
    value: Decimal
    date: datetime.date
    move_id: int | None
    reason: str
