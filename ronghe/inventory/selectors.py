"""Inventory reads."""

from decimal import Decimal

from django.db.models import Q, Sum

from ronghe.core.scoping import scope_queryset

from .models import LocationUsage, ProductValue, Quant, StockMove, Transfer, Warehouse


def on_hand(*, company, product, warehouse=None, location=None) -> dict:
    """On hand, reserved and available of one product (reads quants: a few rows whatever the history)."""
    qs = Quant.objects.filter(company=company, product=product, location__usage=LocationUsage.INTERNAL)
    if warehouse is not None:
        qs = qs.filter(location__warehouse=warehouse)
    if location is not None:
        qs = qs.filter(location=location)
    row = qs.aggregate(q=Sum("quantity"), r=Sum("reserved"))
    q, r = row["q"] or Decimal(0), row["r"] or Decimal(0)
    return {"on_hand": q, "reserved": r, "available": q - r}


def product_value(*, company, product) -> ProductValue | None:
    return ProductValue.objects.filter(company=company, product=product).first()


def warehouse_list(*, company):
    return Warehouse.objects.filter(company=company, active=True).select_related("stock_location")


def transfer_list(*, user, company, kind: str = "", state: str = "", q: str = ""):
    qs = scope_queryset(
        Transfer.objects.select_related("warehouse", "partner"),
        user=user,
        company=company,
        perm="inventory.view_transfer",
    )
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(origin__icontains=q) | Q(partner__name__icontains=q))
    return qs


def transfer_get_for_user(*, pk, user, company) -> Transfer:
    return transfer_list(user=user, company=company).get(pk=pk)


def transfer_ids_by_origin(documents) -> dict[int, list[int]]:
    """For a page of documents with a `number` (sales or purchase orders): document id → the ids of the
    transfers whose origin is that number, oldest first, in one query."""
    by_number = {d.number: d.pk for d in documents}
    out: dict[int, list[int]] = {d.pk: [] for d in documents}
    if documents:
        for origin, pk in (
            Transfer.objects.filter(company=documents[0].company_id, origin__in=list(by_number))
            .order_by("pk")
            .values_list("origin", "pk")
        ):
            out[by_number[origin]].append(pk)
    return out


def move_list(*, company, product=None, lot=None):
    qs = StockMove.objects.filter(company=company).select_related(
        "product", "location_src", "location_dest", "lot"
    )
    if product is not None:
        qs = qs.filter(product=product)
    if lot is not None:
        qs = qs.filter(lot=lot)
    return qs


def stock_report(*, user, company, warehouse=None, q: str = "", category=None, only_in_stock: bool = False):
    """Stock on hand per product (from quants) with reserved, available and value (from the value rows)."""
    from django.db.models import DecimalField, OuterRef, Q, Subquery, Value
    from django.db.models.functions import Coalesce

    from ronghe.products.models import ProductType
    from ronghe.products.selectors import product_list

    cond = Q(quants__location__usage=LocationUsage.INTERNAL)
    if warehouse:
        cond &= Q(quants__location__warehouse_id=warehouse)
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=20, decimal_places=4))
    qs = (
        product_list(user=user, company=company, q=q, category=category)
        .filter(type__in=[ProductType.GOODS, ProductType.CONSUMABLE])
        .annotate(
            on_hand=Coalesce(Sum("quants__quantity", filter=cond), zero),
            reserved_qty=Coalesce(Sum("quants__reserved", filter=cond), zero),
            stock_value=Subquery(
                ProductValue.objects.filter(company=company, product=OuterRef("pk")).values("value")[:1]
            ),
            stock_qty=Subquery(
                ProductValue.objects.filter(company=company, product=OuterRef("pk")).values("quantity")[:1]
            ),
        )
    )
    if only_in_stock:
        qs = qs.filter(on_hand__gt=0)
    return qs


def stock_summary(*, company, date_from, date_to, q: str = "", product_ids=None) -> list[dict]:
    """收发存汇总 per product for whole months [date_from's month, date_to's month]: opening / in / out / closing
    quantity and value. Reads the maintained month balances: opening = today's totals − movements from the
    first month on; closing = opening + in − out. Company-wide scans merged in Python (no IN lists, no joins)."""
    from django.db.models import Q

    from ronghe.products.models import Product

    from .models import StockPeriodBalance

    p_from, p_to = date_from.year * 100 + date_from.month, date_to.year * 100 + date_to.month
    inside = Q(period__lte=p_to)
    bal = StockPeriodBalance.objects.filter(company=company, period__gte=p_from)
    pv = ProductValue.objects.filter(company=company)
    products = Product.objects.filter(company=company)
    if q:
        products = products.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if product_ids is not None:
        bal, pv, products = (
            bal.filter(product_id__in=product_ids),
            pv.filter(product_id__in=product_ids),
            products.filter(pk__in=product_ids),
        )
    moved = {
        r["product_id"]: r
        for r in bal.values("product_id")
        .annotate(
            since_in_q=Sum("in_qty"),
            since_in_v=Sum("in_value"),
            since_out_q=Sum("out_qty"),
            since_out_v=Sum("out_value"),
            in_q=Sum("in_qty", filter=inside),
            in_v=Sum("in_value", filter=inside),
            out_q=Sum("out_qty", filter=inside),
            out_v=Sum("out_value", filter=inside),
        )
        .order_by()
    }
    now = {pid: (qt, v) for pid, qt, v in pv.values_list("product_id", "quantity", "value")}
    z = Decimal(0)
    out = []
    for pid, code, name, spec, unit in products.values_list(
        "id", "code", "name", "spec", "uom__name"
    ).order_by("code"):
        m = moved.get(pid)
        cur = now.get(pid)
        if m is None and cur is None:
            continue
        cur_q, cur_v = cur or (z, z)
        m = m or {}
        o_q = cur_q - (m.get("since_in_q") or z) + (m.get("since_out_q") or z)
        o_v = cur_v - (m.get("since_in_v") or z) + (m.get("since_out_v") or z)
        i_q, i_v, x_q, x_v = (m.get(k) or z for k in ("in_q", "in_v", "out_q", "out_v"))
        if not (o_q or o_v or i_q or i_v or x_q or x_v):
            continue
        out.append(
            {
                "product_id": pid,
                "code": code,
                "name": name,
                "spec": spec,
                "unit": unit,
                "open_qty": o_q,
                "open_value": o_v,
                "in_qty": i_q,
                "in_value": i_v,
                "out_qty": x_q,
                "out_value": x_v,
                "close_qty": o_q + i_q - x_q,
                "close_value": o_v + i_v - x_v,
            }
        )
    return out


def stock_report_rows(*, company, warehouse=None, q: str = "") -> list[dict]:
    """The whole on-hand report as rows (exports, the API, big companies): grouped quants, value rows and
    products — company-wide scans merged in Python, never the moves."""
    from django.db.models import Q

    from ronghe.products.models import Product, ProductType

    quants = Quant.objects.filter(company=company)
    if warehouse is not None:
        quants = quants.filter(location__warehouse=warehouse)
    else:
        quants = quants.filter(location__usage=LocationUsage.INTERNAL)
    stock = {
        pid: (qt, r)
        for pid, qt, r in quants.values("product_id")
        .annotate(q=Sum("quantity"), r=Sum("reserved"))
        .order_by()
        .values_list("product_id", "q", "r")
    }
    values = {
        pid: (qt, v)
        for pid, qt, v in ProductValue.objects.filter(company=company).values_list(
            "product_id", "quantity", "value"
        )
    }
    products = Product.objects.filter(company=company, type__in=[ProductType.GOODS, ProductType.CONSUMABLE])
    if q:
        products = products.filter(Q(code__icontains=q) | Q(name__icontains=q))
    z = Decimal(0)
    rows = []
    for pid, code, name, spec, unit in products.values_list(
        "id", "code", "name", "spec", "uom__name"
    ).order_by("code"):
        s = stock.get(pid)
        if s is None:
            continue
        on, res = s[0] or z, s[1] or z
        v = values.get(pid)
        avg = (v[1] / v[0]) if v and v[0] else None
        rows.append(
            {
                "product_id": pid,
                "code": code,
                "name": name,
                "spec": spec,
                "unit": unit,
                "on_hand": on,
                "reserved": res,
                "available": on - res,
                "unit_cost": avg,
                "value": (avg * on).quantize(Decimal("0.01")) if avg is not None else None,
            }
        )
    return rows


def lot_trace(*, company, lot) -> dict:
    """Everything a lot touched: its moves (with their transfers, partners and source documents) and where
    it is now."""
    moves = list(
        StockMove.objects.filter(company=company, lot=lot)
        .select_related("transfer", "partner", "location_src", "location_dest")
        .order_by("date", "id")
    )
    quants = list(Quant.objects.filter(lot=lot).exclude(quantity=0).select_related("location"))
    return {"lot": lot, "moves": moves, "quants": quants}


AGE_BUCKETS = ((30, "0–30"), (90, "31–90"), (180, "91–180"), (None, "180+"))


def stock_age(*, company, today=None, q: str = "") -> list[dict]:
    """Slow-moving stock: what is still in stock, by the age of the receipt it came with (the remaining
    quantity of incoming valuation layers, consumed oldest first), in 0–30 / 31–90 / 91–180 / 180+ days."""
    from datetime import date as _date

    from django.db.models import Q

    from .models import ValuationLayer

    today = today or _date.today()
    layers = ValuationLayer.objects.filter(company=company, remaining_qty__gt=0)
    if q:
        layers = layers.filter(Q(product__code__icontains=q) | Q(product__name__icontains=q))
    rows: dict = {}
    for pid, code, name, d, rq, rv in layers.values_list(
        "product_id", "product__code", "product__name", "date", "remaining_qty", "remaining_value"
    ):
        r = rows.setdefault(
            pid,
            {
                "product_id": pid,
                "code": code,
                "name": name,
                "oldest": d,
                "total_qty": Decimal(0),
                "total_value": Decimal(0),
                "buckets": [Decimal(0)] * len(AGE_BUCKETS),
            },
        )
        age = (today - d).days
        i = next(i for i, (limit, _label) in enumerate(AGE_BUCKETS) if limit is None or age <= limit)
        r["buckets"][i] += rq
        r["total_qty"] += rq
        r["total_value"] += rv
        r["oldest"] = min(r["oldest"], d)
    return sorted(rows.values(), key=lambda r: r["oldest"])


def available_by_product(*, company, warehouse=None) -> dict[int, Decimal]:
    """Product id → on hand minus reserved in the company's internal locations (or one warehouse's)."""
    quants = Quant.objects.filter(company=company)
    if warehouse is not None:
        quants = quants.filter(location__warehouse=warehouse)
    else:
        quants = quants.filter(location__usage=LocationUsage.INTERNAL)
    return {
        pid: (q or Decimal(0)) - (r or Decimal(0))
        for pid, q, r in quants.values("product_id")
        .annotate(q=Sum("quantity"), r=Sum("reserved"))
        .order_by()
        .values_list("product_id", "q", "r")
    }


def availability_dates(*, company, demands: list[tuple], warehouse=None, today=None) -> list:
    """Available-to-promise: for [(product id, quantity), ...] in priority order, the date each can ship —
    today from what is on hand and not reserved, later from expected receipts (open incoming moves by
    scheduled date), None when nothing in sight covers it. Earlier demands take stock first."""
    import datetime as _dt

    from .states import MoveState

    today = today or _dt.date.today()
    product_ids = {pid for pid, _q in demands}
    free = {
        pid: q
        for pid, q in available_by_product(company=company, warehouse=warehouse).items()
        if pid in product_ids
    }
    incoming = StockMove.objects.filter(
        company=company,
        product_id__in=product_ids,
        state__in=[MoveState.WAITING, MoveState.RESERVED, MoveState.DRAFT],
        location_dest__usage=LocationUsage.INTERNAL,
    ).exclude(location_src__usage=LocationUsage.INTERNAL)
    if warehouse is not None:
        incoming = incoming.filter(location_dest__warehouse=warehouse)
    arrivals: dict[int, list] = {}
    for pid, qty, day in incoming.values_list(
        "product_id", "product_qty", "transfer__scheduled_date"
    ).order_by("transfer__scheduled_date", "pk"):
        arrivals.setdefault(pid, []).append([day or today, qty])
    out = []
    for pid, qty in demands:
        need = Decimal(str(qty))
        have = free.get(pid, Decimal(0))
        if have >= need:
            free[pid] = have - need
            out.append(today)
            continue
        need -= max(have, Decimal(0))
        free[pid] = min(have, Decimal(0))
        when = None
        for arrival in arrivals.get(pid, []):
            take = min(arrival[1], need)
            arrival[1] -= take
            need -= take
            if need <= 0:
                when = max(arrival[0], today)
                break
        out.append(when)
    return out


def quantities_by_line(moves, *, prefix: str, counterpart: str, adds: str) -> dict[int, Decimal]:
    """From done moves (StockMovesDone.moves): {source line id: quantity} for the lines whose origin is
    "<prefix><id>" — a return counts against the line of the move it returns. Only moves to or from a
    `counterpart` location ("customer", "supplier"); `adds` is the kind that adds ("out" for deliveries, "in"
    for receipts), the other takes back."""
    moves = [
        m
        for m in moves
        if m.kind in ("in", "out") and counterpart in (m.location_src_usage, m.location_dest_usage)
    ]
    returned = [m.origin_move_id for m in moves if not m.origin.startswith(prefix) and m.origin_move_id]
    origin_of = (
        dict(StockMove.objects.filter(pk__in=returned).values_list("pk", "origin")) if returned else {}
    )
    out: dict[int, Decimal] = {}
    for m in moves:
        origin = m.origin if m.origin.startswith(prefix) else origin_of.get(m.origin_move_id) or ""
        if not origin.startswith(prefix) or not origin[len(prefix) :].isdigit():
            continue
        line_id = int(origin[len(prefix) :])
        out[line_id] = out.get(line_id, Decimal(0)) + (m.quantity if m.kind == adds else -m.quantity)
    return out
