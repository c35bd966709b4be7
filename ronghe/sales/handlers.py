"""Sales' reactions to other modules' events, in their transaction (DESIGN §4)."""

from django.db.models import F

from ronghe.inventory.events import StockMoveDone
from ronghe.inventory.models import StockMove
from ronghe.workflow.events import ApprovalDecided

from .models import SalesOrder, SalesOrderLine
from .states import ApprovalState

PREFIX = "sales.line:"


def on_stock_move_done(event: StockMoveDone) -> None:
    """A delivery move of an order line adds to its delivered quantity; a customer return takes it back."""
    if event.kind not in ("in", "out"):
        return
    if "customer" not in (event.location_src_usage, event.location_dest_usage):
        return
    move = StockMove.objects.filter(pk=event.move_id).values("origin", "origin_move__origin").first()
    origin = (move or {}).get("origin") or ""
    if not origin.startswith(PREFIX):
        origin = (move or {}).get("origin_move__origin") or ""  # a return points at the delivery move
    if not origin.startswith(PREFIX) or not origin[len(PREFIX) :].isdigit():
        return
    qty = event.quantity if event.kind == "out" else -event.quantity
    line_id = int(origin[len(PREFIX) :])
    SalesOrderLine.objects.filter(pk=line_id, order__company_id=event.company_id).update(
        qty_delivered=F("qty_delivered") + qty
    )
    from .services import refresh_done

    order = SalesOrder.objects.filter(lines__pk=line_id).first()
    if order is not None:
        refresh_done(order)


def on_approval_decided(event: ApprovalDecided) -> None:
    """The discount or credit approval of an order: approved confirms it (as the salesperson who asked)."""
    if event.target_label != "sales.salesorder":
        return
    from .services import _confirm, _lock

    order = _lock(event.target_id)
    if order.approval_state != ApprovalState.PENDING:
        return
    if event.decision == "approved":
        order.approval_state = ApprovalState.APPROVED
        order.save(update_fields=["approval_state", "updated_at"])
        _confirm(order, list(order.lines.select_related("product")), order.salesperson)
    else:
        order.approval_state = ApprovalState.REJECTED
        order.save(update_fields=["approval_state", "updated_at"])
