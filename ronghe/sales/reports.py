"""Sales analysis: invoiced quantity, revenue (excl. VAT, credit notes deducted) and gross margin (revenue minus
the stock value of what the order lines delivered, returns deducted), grouped by customer, product,
salesperson or month. Reads posted invoice lines and done stock moves that name an order line."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Sum

from ronghe.accounting.models import DocState, InvoiceLine
from ronghe.inventory.models import StockMove

from .models import SalesOrderLine

GROUPS = ("customer", "product", "salesperson", "month")
PREFIX = "sales.line:"


def sales_analysis(*, company, group_by: str, date_from, date_to) -> dict:
    if group_by not in GROUPS:
        group_by = "customer"
    invoiced = (
        InvoiceLine.objects.filter(
            invoice__company=company,
            invoice__state=DocState.POSTED,
            invoice__date__gte=date_from,
            invoice__date__lte=date_to,
            source__startswith=PREFIX,
        )
        .values("source", "invoice__is_refund", "invoice__date", "invoice__partner__name")
        .annotate(q=Sum("quantity"), rev=Sum("amount_untaxed"))
    )
    line_ids = set()
    facts = []
    for r in invoiced:
        sign = -1 if r["invoice__is_refund"] else 1
        lid = int(r["source"][len(PREFIX) :])
        line_ids.add(lid)
        facts.append(
            (
                lid,
                r["invoice__partner__name"],
                r["invoice__date"],
                sign * Decimal(r["q"] or 0),
                sign * Decimal(r["rev"] or 0),
            )
        )
    lines = {
        x["pk"]: x
        for x in SalesOrderLine.objects.filter(pk__in=line_ids).values(
            "pk",
            "quantity",
            "product__code",
            "product__name",
            salesperson=F("order__salesperson__display_name"),
        )
    }
    # cost per order line: value of its delivery moves (out, negative) and returns (in), per unit delivered
    cost = defaultdict(lambda: [Decimal(0), Decimal(0)])  # line id -> [value out, quantity out]
    sources = [f"{PREFIX}{i}" for i in line_ids]
    for m in StockMove.objects.filter(company=company, state="done", origin__in=sources).values(
        "origin", "value", "product_qty"
    ):
        c = cost[int(m["origin"][len(PREFIX) :])]
        c[0] += -m["value"]
        c[1] += m["product_qty"]
    for m in StockMove.objects.filter(company=company, state="done", origin_move__origin__in=sources).values(
        "origin_move__origin", "value", "product_qty"
    ):
        c = cost[int(m["origin_move__origin"][len(PREFIX) :])]
        c[0] -= m["value"]
        c[1] -= m["product_qty"]
    groups: dict[str, dict] = {}
    for lid, partner, day, qty, revenue in facts:
        info = lines.get(lid, {})
        key = {
            "customer": partner,
            "product": f"{info.get('product__code', '')} {info.get('product__name', '')}",
            "salesperson": info.get("salesperson") or "—",
            "month": f"{day:%Y-%m}",
        }[group_by]
        value, delivered = cost[lid]
        unit_cost = value / delivered if delivered else Decimal(0)
        g = groups.setdefault(
            key, {"key": key, "quantity": Decimal(0), "revenue": Decimal(0), "cost": Decimal(0)}
        )
        g["quantity"] += qty
        g["revenue"] += revenue
        g["cost"] += (unit_cost * qty).quantize(Decimal("0.01"))
    rows = sorted(groups.values(), key=lambda g: (-g["revenue"], g["key"]))
    for g in rows:
        g["margin"] = g["revenue"] - g["cost"]
        g["margin_pct"] = (
            (g["margin"] / g["revenue"] * 100).quantize(Decimal("0.1")) if g["revenue"] else None
        )
    totals = {k: sum((g[k] for g in rows), Decimal(0)) for k in ("quantity", "revenue", "cost", "margin")}
    totals["margin_pct"] = (
        (totals["margin"] / totals["revenue"] * 100).quantize(Decimal("0.1")) if totals["revenue"] else None
    )
    return {"rows": rows, "totals": totals, "group_by": group_by}
