"""`ronghe check-integrity` for inventory: recompute quants and valuation from moves and layers."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from .models import LocationUsage, ProductValue, Quant, StockMove, ValuationLayer
from .states import OPEN_MOVE, MoveState


def check_quants() -> list[str]:
    """Every quant = done moves into it − done moves out of it; reserved = open moves' reservations."""
    expected: dict = defaultdict(Decimal)
    reserved: dict = defaultdict(Decimal)
    done = StockMove.objects.filter(state=MoveState.DONE)
    for field, sign in (("location_dest", 1), ("location_src", -1)):
        rows = (
            done.filter(**{f"{field}__usage": LocationUsage.INTERNAL})
            .values("product_id", field, "lot_id")
            .annotate(q=Sum("product_qty"))
        )
        for r in rows.iterator():
            expected[(r["product_id"], r[field], r["lot_id"] or 0)] += sign * r["q"]
    for r in (
        StockMove.objects.filter(state__in=OPEN_MOVE, reserved_qty__gt=0)
        .values("product_id", "location_src", "lot_id")
        .annotate(q=Sum("reserved_qty"))
    ):
        reserved[(r["product_id"], r["location_src"], r["lot_id"] or 0)] += r["q"]
    problems = []
    seen = set()
    for q in Quant.objects.all().iterator():
        key = (q.product_id, q.location_id, q.lot_key)
        seen.add(key)
        if q.quantity != expected.get(key, 0) or q.reserved != reserved.get(key, 0):
            problems.append(
                f"quant {q.pk} (product {q.product_id}, location {q.location_id}, lot {q.lot_key}): "
                f"on hand {q.quantity} / reserved {q.reserved}, moves say "
                f"{expected.get(key, 0)} / {reserved.get(key, 0)}"
            )
    for key, qty in expected.items():
        if key not in seen and qty != 0:
            problems.append(
                f"no quant for product {key[0]} in location {key[1]} lot {key[2]}: moves say {qty}"
            )
    return problems


def check_valuation() -> list[str]:
    """Each product's maintained quantity/value = the sum of its layers; moves carry their layer's value."""
    problems = []
    layers = {
        (r["company_id"], r["product_id"]): r
        for r in ValuationLayer.objects.values("company_id", "product_id").annotate(
            q=Sum("quantity"), v=Sum("value")
        )
    }
    for pv in ProductValue.objects.all().iterator():
        r = layers.get((pv.company_id, pv.product_id), {"q": 0, "v": 0})
        if pv.quantity != r["q"] or pv.value != r["v"]:
            problems.append(
                f"product {pv.product_id}: value row {pv.quantity} / {pv.value}, layers {r['q']} / {r['v']}"
            )
    for r in (
        ValuationLayer.objects.filter(move__isnull=False)
        .values("move_id", "move__value")
        .annotate(v=Sum("value"))
    ):
        if r["v"] != r["move__value"]:
            problems.append(f"move {r['move_id']}: value {r['move__value']}, layers {r['v']}")
    return problems


def check_periods() -> list[str]:
    """Month balances = the valued layers of that month (in and out)."""
    from django.db.models.functions import ExtractMonth, ExtractYear

    from .models import StockPeriodBalance

    expected = {}
    rows = ValuationLayer.objects.annotate(y=ExtractYear("date"), m=ExtractMonth("date")).values(
        "company_id", "product_id", "y", "m", "quantity", "value"
    )
    for r in rows.iterator():
        key = (r["company_id"], r["product_id"], r["y"] * 100 + r["m"])
        e = expected.setdefault(key, [Decimal(0)] * 4)
        if r["quantity"] > 0:
            e[0] += r["quantity"]
            e[1] += r["value"]
        else:
            e[2] -= r["quantity"]
            e[3] -= r["value"]
    problems = []
    for b in StockPeriodBalance.objects.all().iterator():
        key = (b.company_id, b.product_id, b.period)
        got = [b.in_qty, b.in_value, b.out_qty, b.out_value]
        if got != expected.pop(key, [0, 0, 0, 0]):
            problems.append(
                f"month {b.period} of product {b.product_id}: balance {got}, layers {expected.get(key)}"
            )
    for key, e in expected.items():
        if any(e):
            problems.append(f"month {key[2]} of product {key[1]}: no balance row, layers {e}")
    return problems
