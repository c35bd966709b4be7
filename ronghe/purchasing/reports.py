"""Purchasing reports: what was billed by supplier, product or month (posted bills of orders, credit notes
deducted), and the receipts expected from open purchase orders, day by day."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Sum

from ronghe.accounting.models import DocState, InvoiceLine
from ronghe.inventory.models import StockMove

from .models import PurchaseOrderLine

GROUPS = ("supplier", "product", "month")
PREFIX = "purchasing.line:"


def purchase_analysis(*, company, group_by: str, date_from, date_to) -> dict:
    if group_by not in GROUPS:
        group_by = "supplier"
    rows = (
        InvoiceLine.objects.filter(
            invoice__company=company,
            invoice__state=DocState.POSTED,
            invoice__date__gte=date_from,
            invoice__date__lte=date_to,
            source__startswith=PREFIX,
        )
        .values(
            "invoice__is_refund", "invoice__date", "invoice__partner__name", "product__code", "product__name"
        )
        .annotate(q=Sum("quantity"), untaxed=Sum("amount_untaxed"), total=Sum("amount_total"))
    )
    groups: dict[str, dict] = {}
    for r in rows:
        sign = -1 if r["invoice__is_refund"] else 1
        key = {
            "supplier": r["invoice__partner__name"],
            "product": f"{r['product__code'] or ''} {r['product__name'] or ''}",
            "month": f"{r['invoice__date']:%Y-%m}",
        }[group_by]
        g = groups.setdefault(
            key, {"key": key, "quantity": Decimal(0), "untaxed": Decimal(0), "total": Decimal(0)}
        )
        g["quantity"] += sign * Decimal(r["q"] or 0)
        g["untaxed"] += sign * Decimal(r["untaxed"] or 0)
        g["total"] += sign * Decimal(r["total"] or 0)
    out = sorted(groups.values(), key=lambda g: (-g["untaxed"], g["key"]))
    totals = {k: sum((g[k] for g in out), Decimal(0)) for k in ("quantity", "untaxed", "total")}
    return {"rows": out, "totals": totals, "group_by": group_by}


def expected_receipts(*, company, date_from=None, date_to=None) -> list[dict]:
    """Open incoming quantities of purchase order lines by expected day: [{"date", "items": [...]}]."""
    moves = (
        StockMove.objects.filter(
            company=company, origin__startswith=PREFIX, state__in=["waiting", "reserved", "draft"]
        )
        .select_related("product", "transfer")
        .order_by("transfer__scheduled_date", "pk")
    )
    if date_from:
        moves = moves.filter(transfer__scheduled_date__gte=date_from)
    if date_to:
        moves = moves.filter(transfer__scheduled_date__lte=date_to)
    moves = list(moves)
    line_ids = {int(m.origin[len(PREFIX) :]) for m in moves if m.origin[len(PREFIX) :].isdigit()}
    lines = {
        x["pk"]: x
        for x in PurchaseOrderLine.objects.filter(pk__in=line_ids).values(
            "pk", "order_id", order_number=F("order__number"), supplier=F("order__partner__name")
        )
    }
    days: dict = defaultdict(list)
    for m in moves:
        info = lines.get(int(m.origin[len(PREFIX) :]), {})
        days[m.transfer.scheduled_date].append(
            {
                "order_id": info.get("order_id"),
                "order": info.get("order_number", ""),
                "supplier": info.get("supplier", ""),
                "product": m.product,
                "quantity": m.quantity,
                "transfer": m.transfer,
            }
        )
    return [{"date": d, "items": items} for d, items in sorted(days.items(), key=lambda kv: kv[0])]
