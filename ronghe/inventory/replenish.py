"""Opening balances from Excel and reorder rules (min/max) with the replenishment suggestion list."""

from decimal import Decimal, InvalidOperation

from django.db.models import Sum
from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed
from ronghe.core.services import clean_and_save
from ronghe.core.transactions import service_transaction
from ronghe.products.models import Product, ProductType, Tracking

from .models import Location, LocationUsage, Quant, ReorderRule, StockMove, Transfer
from .services import transfer_create, transfer_validate, virtual_location
from .states import OPEN_MOVE

COLUMNS = {
    "商品编码": "code",
    "code": "code",
    "库位": "location",
    "location": "location",
    "批次": "lot",
    "lot": "lot",
    "数量": "quantity",
    "quantity": "quantity",
    "单位成本": "unit_cost",
    "unit cost": "unit_cost",
    "unit_cost": "unit_cost",
}


def read_opening_excel(file) -> list[dict]:
    from openpyxl import load_workbook

    ws = load_workbook(file, read_only=True, data_only=True).active
    it = ws.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(it, [])]
    cols = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
    missing = {"code", "location", "quantity", "unit_cost"} - set(cols)
    if missing:
        raise ValidationFailed(
            fields={
                "file": [_("The first row must name the columns 商品编码, 库位, 批次, 数量 and 单位成本.")]
            }
        )
    return [{k: (row[i] if i < len(row) else None) for k, i in cols.items()} for row in it]


@service_transaction
def opening_import(*, company, actor, warehouse, rows: list[dict]) -> Transfer | None:
    """Opening balances (期初): every row is checked first (product code, location, lot for tracked products,
    quantity > 0, unit cost ≥ 0); if any row is wrong nothing is imported and the errors name the rows.
    The stock arrives from the inventory-loss location at the given unit cost, on one receipt."""
    products = {p.code: p for p in Product.objects.filter(company=company)}
    locations = {
        loc.full_name: loc for loc in Location.objects.filter(company=company, usage=LocationUsage.INTERNAL)
    }
    errors, lines = {}, []
    for n, r in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in r.values()):
            continue
        problems = []
        p = products.get(str(r.get("code") or "").strip())
        loc = locations.get(str(r.get("location") or "").strip())
        lot = str(r.get("lot") or "").strip()
        try:
            qty = Decimal(str(r.get("quantity")))
            cost = Decimal(str(r.get("unit_cost")))
            if not qty.is_finite() or not cost.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            qty = cost = None
        if p is None:
            problems.append(_("unknown product code “%(code)s”") % {"code": r.get("code")})
        elif p.type == ProductType.SERVICE:
            problems.append(_("services are not stocked"))
        elif p.tracking != Tracking.NONE and not lot:
            problems.append(_("a lot or serial number is needed"))
        if loc is None:
            problems.append(_("unknown location “%(loc)s”") % {"loc": r.get("location")})
        if qty is None or qty <= 0:
            problems.append(_("the quantity must be a number greater than zero"))
        if cost is None or cost < 0:
            problems.append(_("the unit cost must be a number ≥ 0"))
        if problems:
            errors[f"row {n}"] = problems
            continue
        lines.append(
            {"product": p, "quantity": qty, "price_unit": cost, "lot": lot or None, "location_dest": loc}
        )
    if errors:
        raise ValidationFailed(_("Nothing was imported: correct these rows."), fields=errors)
    if not lines:
        raise ValidationFailed(fields={"file": [_("The file has no rows.")]})
    loss = virtual_location(company, LocationUsage.INVENTORY)
    t = transfer_create(
        company=company,
        actor=actor,
        kind=Transfer.Kind.RECEIPT,
        warehouse=warehouse,
        lines=lines,
        origin=_("Opening balances"),
        location_src=loss,
    )
    return transfer_validate(transfer=t, actor=actor)


@service_transaction
def reorder_rule_save(*, company, actor, product, warehouse, min_qty, max_qty) -> ReorderRule:
    rule = ReorderRule.objects.filter(product=product, warehouse=warehouse).first() or ReorderRule(
        company=company, product=product, warehouse=warehouse
    )
    rule.min_qty, rule.max_qty = Decimal(str(min_qty)), Decimal(str(max_qty))
    if rule.min_qty < 0 or rule.max_qty < rule.min_qty:
        raise ValidationFailed(
            fields={"max_qty": [_("The maximum must be at least the minimum, and both ≥ 0.")]}
        )
    return clean_and_save(rule, actor=actor)


def replenishment(*, company, warehouse=None) -> list[dict]:
    """Products whose forecast (on hand − reserved for deliveries + incoming receipts) is below their minimum,
    with the quantity to order up to the maximum. One query per kind of figure, merged in Python."""
    rules = ReorderRule.objects.filter(company=company, active=True).select_related(
        "product__uom", "warehouse"
    )
    if warehouse is not None:
        rules = rules.filter(warehouse=warehouse)
    rules = list(rules)
    pids = {r.product_id for r in rules}
    on_hand = {
        (x["product_id"], x["location__warehouse_id"]): x
        for x in Quant.objects.filter(product_id__in=pids, location__usage=LocationUsage.INTERNAL)
        .values("product_id", "location__warehouse_id")
        .annotate(q=Sum("quantity"), r=Sum("reserved"))
    }
    incoming = {
        (x["product_id"], x["location_dest__warehouse_id"]): x["q"]
        for x in StockMove.objects.filter(
            product_id__in=pids, state__in=OPEN_MOVE, location_dest__usage=LocationUsage.INTERNAL
        )
        .exclude(location_src__usage=LocationUsage.INTERNAL)
        .values("product_id", "location_dest__warehouse_id")
        .annotate(q=Sum("product_qty"))
    }
    outgoing = {
        (x["product_id"], x["location_src__warehouse_id"]): x["q"]
        for x in StockMove.objects.filter(
            product_id__in=pids, state__in=OPEN_MOVE, location_src__usage=LocationUsage.INTERNAL
        )
        .exclude(location_dest__usage=LocationUsage.INTERNAL)
        .values("product_id", "location_src__warehouse_id")
        .annotate(q=Sum("product_qty"))
    }
    z = Decimal(0)
    out = []
    for r in rules:
        key = (r.product_id, r.warehouse_id)
        have = (on_hand.get(key) or {}).get("q") or z
        forecast = have + (incoming.get(key) or z) - (outgoing.get(key) or z)
        if forecast < r.min_qty:
            out.append(
                {
                    "rule": r,
                    "product": r.product,
                    "warehouse": r.warehouse,
                    "on_hand": have,
                    "incoming": incoming.get(key) or z,
                    "outgoing": outgoing.get(key) or z,
                    "forecast": forecast,
                    "min_qty": r.min_qty,
                    "max_qty": r.max_qty,
                    "suggested": r.max_qty - forecast,
                }
            )
    return sorted(out, key=lambda x: (x["warehouse"].code, x["product"].code))
