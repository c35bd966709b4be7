"""Sales' reactions to other modules' events, in their transaction (DESIGN §4)."""

from ronghe.inventory.events import StockMovesDone
from ronghe.inventory.selectors import quantities_by_line
from ronghe.workflow.events import ApprovalDecided

from .models import SalesOrderLine
from .states import ApprovalState

PREFIX = "sales.line:"


def on_stock_moves_done(event: StockMovesDone) -> None:
    """Delivery moves of order lines add to their delivered quantity; customer returns take it back.
    One read of the orders' lines (locked), one update."""
    added = quantities_by_line(event.moves, prefix=PREFIX, counterpart="customer", adds="out")
    if not added:
        return
    lines = list(
        SalesOrderLine.objects.select_for_update(of=("self",))
        .filter(
            order_id__in=SalesOrderLine.objects.filter(pk__in=list(added)).values("order_id"),
            order__company_id=event.company_id,
        )
        .select_related("order", "product")
        .order_by("pk")
    )
    for x in lines:
        if x.pk in added:
            x.qty_delivered += added[x.pk]
    SalesOrderLine.objects.bulk_update([x for x in lines if x.pk in added], ["qty_delivered"])
    from .services import refresh_done

    by_order: dict = {}
    for x in lines:
        by_order.setdefault(x.order_id, []).append(x)
    for order_lines in by_order.values():
        refresh_done(order_lines[0].order, order_lines)


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
