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
    """收发存汇总: per product, opening / in / out / closing quantity and value over [date_from, date_to],
    from the valuation layers (one grouped query)."""
    from django.db.models import Q

    from .models import ValuationLayer

    qs = ValuationLayer.objects.filter(company=company, date__lte=date_to)
    if q:
        qs = qs.filter(Q(product__code__icontains=q) | Q(product__name__icontains=q))
    if product_ids is not None:
        qs = qs.filter(product_id__in=product_ids)
    before = Q(date__lt=date_from)
    inside_in = Q(date__gte=date_from, quantity__gt=0)
    inside_out = Q(date__gte=date_from, quantity__lt=0)
    rows = (
        qs.values("product_id", "product__code", "product__name", "product__spec", "product__uom__name")
        .annotate(
            open_qty=Sum("quantity", filter=before),
            open_value=Sum("value", filter=before),
            in_qty=Sum("quantity", filter=inside_in),
            in_value=Sum("value", filter=inside_in),
            out_qty=Sum("quantity", filter=inside_out),
            out_value=Sum("value", filter=inside_out),
        )
        .order_by("product__code")
    )
    out = []
    z = Decimal(0)
    for r in rows:
        o_q, o_v = r["open_qty"] or z, r["open_value"] or z
        i_q, i_v = r["in_qty"] or z, r["in_value"] or z
        x_q, x_v = -(r["out_qty"] or z), -(r["out_value"] or z)
        out.append(
            {
                "product_id": r["product_id"],
                "code": r["product__code"],
                "name": r["product__name"],
                "spec": r["product__spec"],
                "unit": r["product__uom__name"],
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
