"""Sales' reactions to other modules' events, in their transaction (DESIGN §4)."""

from django.db.models import F

from ronghe.inventory.events import StockMoveDone
from ronghe.inventory.models import StockMove
from ronghe.workflow.events import ApprovalDecided

from .models import SalesOrderLine
from .states import ApprovalState

PREFIX = "sales.line:"


def on_stock_move_done(event: StockMoveDone) -> None:
    """A delivery move of an order line adds to its delivered quantity; a customer return takes it back."""
    if event.kind not in ("in", "out"):
        return
    if "customer" not in (event.location_src_usage, event.location_dest_usage):
        return
    origin = event.origin
    if not origin.startswith(PREFIX) and event.origin_move_id:  # a return points at the move it returns
        origin = (
            StockMove.objects.filter(pk=event.origin_move_id).values_list("origin", flat=True).first() or ""
        )
    if not origin.startswith(PREFIX) or not origin[len(PREFIX) :].isdigit():
        return
    qty = event.quantity if event.kind == "out" else -event.quantity
    line_id = int(origin[len(PREFIX) :])
    SalesOrderLine.objects.filter(pk=line_id, order__company_id=event.company_id).update(
        qty_delivered=F("qty_delivered") + qty
    )
    from .services import refresh_done

    lines = list(SalesOrderLine.objects.filter(order__lines__pk=line_id).select_related("order", "product"))
    if lines:
        refresh_done(lines[0].order, lines)


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
        _confirm(order, list(order.lines.select_related("product__uom")), order.salesperson)
    else:
        order.approval_state = ApprovalState.REJECTED
        order.save(update_fields=["approval_state", "updated_at"])
