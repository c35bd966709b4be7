"""Purchasing's reactions to other modules' events, in their transaction (DESIGN §4)."""

from ronghe.inventory.events import StockMovesDone
from ronghe.inventory.selectors import quantities_by_line
from ronghe.workflow.events import ApprovalDecided

from .models import BillMatch, PurchaseOrderLine
from .states import ApprovalState

PREFIX = "purchasing.line:"


def on_stock_moves_done(event: StockMovesDone) -> None:
    """Receipt moves of order lines add to their received quantity; returns to the supplier take it back.
    One read of the orders' lines (locked), one update."""
    added = quantities_by_line(event.moves, prefix=PREFIX, counterpart="supplier", adds="in")
    if not added:
        return
    lines = list(
        PurchaseOrderLine.objects.select_for_update(of=("self",))
        .filter(
            order_id__in=PurchaseOrderLine.objects.filter(pk__in=list(added)).values("order_id"),
            order__company_id=event.company_id,
        )
        .select_related("order", "product")
        .order_by("pk")
    )
    for x in lines:
        if x.pk in added:
            x.qty_received += added[x.pk]
    PurchaseOrderLine.objects.bulk_update([x for x in lines if x.pk in added], ["qty_received"])
    from .services import refresh_done

    by_order: dict = {}
    for x in lines:
        by_order.setdefault(x.order_id, []).append(x)
    for order_lines in by_order.values():
        refresh_done(order_lines[0].order, order_lines)


def on_approval_decided(event: ApprovalDecided) -> None:
    if event.target_label == "purchasing.purchaseorder":
        from .services import _confirm, _lock

        order = _lock(event.target_id)
        if order.approval_state != ApprovalState.PENDING:
            return
        order.approval_state = (
            ApprovalState.APPROVED if event.decision == "approved" else ApprovalState.REJECTED
        )
        order.save(update_fields=["approval_state", "updated_at"])
        if event.decision == "approved":
            _confirm(order, order.buyer)
    elif event.target_label == "purchasing.billmatch":
        match = (
            BillMatch.objects.select_for_update().select_related("invoice").filter(pk=event.target_id).first()
        )
        if match is None or match.state != ApprovalState.PENDING:
            return
        match.state = ApprovalState.APPROVED if event.decision == "approved" else ApprovalState.REJECTED
        match.save(update_fields=["state", "updated_at"])
        if event.decision == "approved":
            from .services import bill_post

            bill_post(invoice=match.invoice, actor=match.created_by)
