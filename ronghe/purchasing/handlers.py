"""Purchasing's reactions to other modules' events, in their transaction (DESIGN §4)."""

from django.db.models import F

from ronghe.inventory.events import StockMoveDone
from ronghe.inventory.models import StockMove
from ronghe.workflow.events import ApprovalDecided

from .models import BillMatch, PurchaseOrderLine
from .states import ApprovalState

PREFIX = "purchasing.line:"


def on_stock_move_done(event: StockMoveDone) -> None:
    """A receipt move of an order line adds to its received quantity; a return to the supplier takes it back."""
    if event.kind not in ("in", "out") or "supplier" not in (
        event.location_src_usage,
        event.location_dest_usage,
    ):
        return
    origin = event.origin
    if not origin.startswith(PREFIX) and event.origin_move_id:  # a return points at the move it returns
        origin = (
            StockMove.objects.filter(pk=event.origin_move_id).values_list("origin", flat=True).first() or ""
        )
    if not origin.startswith(PREFIX) or not origin[len(PREFIX) :].isdigit():
        return
    line_id = int(origin[len(PREFIX) :])
    qty = event.quantity if event.kind == "in" else -event.quantity
    PurchaseOrderLine.objects.filter(pk=line_id, order__company_id=event.company_id).update(
        qty_received=F("qty_received") + qty
    )
    from .services import refresh_done

    lines = list(
        PurchaseOrderLine.objects.filter(order__lines__pk=line_id).select_related("order", "product")
    )
    if lines:
        refresh_done(lines[0].order, lines)


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
