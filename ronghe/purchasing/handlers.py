"""Purchasing's reactions to other modules' events, in their transaction (DESIGN §4)."""

from ronghe.inventory.events import StockMovesDone
from ronghe.inventory.models import StockMove
from ronghe.workflow.events import ApprovalDecided

from .models import BillMatch, PurchaseOrderLine
from .states import ApprovalState

PREFIX = "purchasing.line:"


def on_stock_moves_done(event: StockMovesDone) -> None:
    """Receipt moves of order lines add to their received quantity; returns to the supplier take it back.
    One read of the orders' lines (locked), one update."""
    moves = [
        m
        for m in event.moves
        if m.kind in ("in", "out") and "supplier" in (m.location_src_usage, m.location_dest_usage)
    ]
    if not moves:
        return
    returned = [m.origin_move_id for m in moves if not m.origin.startswith(PREFIX) and m.origin_move_id]
    origin_of = (  # a return points at the move it returns
        dict(StockMove.objects.filter(pk__in=returned).values_list("pk", "origin")) if returned else {}
    )
    added: dict[int, object] = {}
    for m in moves:
        origin = m.origin if m.origin.startswith(PREFIX) else origin_of.get(m.origin_move_id) or ""
        if not origin.startswith(PREFIX) or not origin[len(PREFIX) :].isdigit():
            continue
        line_id = int(origin[len(PREFIX) :])
        added[line_id] = added.get(line_id, 0) + (m.quantity if m.kind == "in" else -m.quantity)
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
