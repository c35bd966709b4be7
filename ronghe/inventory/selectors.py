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
