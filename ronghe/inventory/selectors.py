"""Inventory reads."""

from decimal import Decimal

from django.db.models import Sum

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
        qs = qs.filter(number__icontains=q) | qs.filter(origin__icontains=q)
    return qs


def transfer_get_for_user(*, pk, user, company) -> Transfer:
    return transfer_list(user=user, company=company).get(pk=pk)


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
    first month on; closing = opening + in − out."""
    from django.db.models import Q

    from ronghe.products.models import Product

    from .models import StockPeriodBalance

    p_from, p_to = date_from.year * 100 + date_from.month, date_to.year * 100 + date_to.month
    bal = StockPeriodBalance.objects.filter(company=company, period__gte=p_from)
    pv = ProductValue.objects.filter(company=company)
    if q:
        cond = Q(product__code__icontains=q) | Q(product__name__icontains=q)
        bal, pv = bal.filter(cond), pv.filter(cond)
    if product_ids is not None:
        bal, pv = bal.filter(product_id__in=product_ids), pv.filter(product_id__in=product_ids)
    z = Decimal(0)
    inside = Q(period__lte=p_to)
    rows = bal.values("product_id").annotate(
        since_in_q=Sum("in_qty"),
        since_in_v=Sum("in_value"),
        since_out_q=Sum("out_qty"),
        since_out_v=Sum("out_value"),
        in_q=Sum("in_qty", filter=inside),
        in_v=Sum("in_value", filter=inside),
        out_q=Sum("out_qty", filter=inside),
        out_v=Sum("out_value", filter=inside),
    )
    moved = {r["product_id"]: r for r in rows}
    now = {r["product_id"]: (r["quantity"], r["value"]) for r in pv.values("product_id", "quantity", "value")}
    ids = set(moved) | {pid for pid, (qt, v) in now.items() if qt or v}
    info = {
        p["id"]: p
        for p in Product.objects.filter(pk__in=ids).values("id", "code", "name", "spec", "uom__name")
    }
    out = []
    for pid in sorted(ids, key=lambda i: info[i]["code"]):
        m = moved.get(pid, {})
        cur_q, cur_v = now.get(pid, (z, z))
        o_q = cur_q - (m.get("since_in_q") or z) + (m.get("since_out_q") or z)
        o_v = cur_v - (m.get("since_in_v") or z) + (m.get("since_out_v") or z)
        i_q, i_v, x_q, x_v = (m.get(k) or z for k in ("in_q", "in_v", "out_q", "out_v"))
        if not any((o_q, o_v, i_q, i_v, x_q, x_v)):
            continue
        p = info[pid]
        out.append(
            {
                "product_id": pid,
                "code": p["code"],
                "name": p["name"],
                "spec": p["spec"],
                "unit": p["uom__name"],
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
