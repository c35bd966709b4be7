"""Inventory endpoints: stock on hand, transfers (create, validate, cancel, return), moves, 收发存."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from ninja import Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.scoping import require_perm
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_get_for_user, product_list

from . import selectors, services
from .models import Transfer

router = Router(tags=["inventory"])


class OnHandOut(Schema):
    product_id: int
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    value: Decimal | None
    average_cost: Decimal | None


class MoveOut(Schema):
    id: int
    product_id: int
    quantity: Decimal
    unit: str
    product_qty: Decimal
    lot: str | None
    location_src: str
    location_dest: str
    state: str
    reserved_qty: Decimal
    value: Decimal
    date: date

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_lot(obj):
        return obj.lot.name if obj.lot_id else None

    @staticmethod
    def resolve_location_src(obj):
        return obj.location_src.full_name

    @staticmethod
    def resolve_location_dest(obj):
        return obj.location_dest.full_name


class TransferOut(Schema):
    id: int
    number: str
    kind: str
    state: str
    warehouse_id: int
    partner_id: int | None
    origin: str
    scheduled_date: date
    moves: list[MoveOut]

    @staticmethod
    def resolve_moves(obj):
        return list(obj.moves.select_related("unit", "lot", "location_src", "location_dest").order_by("pk"))


class TransferRef(Schema):
    id: int
    number: str
    kind: str
    state: str


class ReturnIn(Schema):
    """A return of an order's goods: {order line id: quantity}."""

    quantities: dict[int, Decimal]


class TransferLineIn(Schema):
    product_id: int
    quantity: Decimal
    lot: str | None = None
    price_unit: Decimal | None = None


class TransferIn(Schema):
    kind: Transfer.Kind
    warehouse_id: int
    partner_id: int | None = None
    origin: str = ""
    lines: list[TransferLineIn]
    validate_now: bool = False


class ValidateIn(Schema):
    quantities: dict[int, Decimal] | None = None
    backorder: bool = True


class SummaryRow(Schema):
    product_id: int
    code: str
    name: str
    open_qty: Decimal
    open_value: Decimal
    in_qty: Decimal
    in_value: Decimal
    out_qty: Decimal
    out_value: Decimal
    close_qty: Decimal
    close_value: Decimal


@router.get("/stock/{product_id}", response=OnHandOut, summary="On hand of one product (reads quants)")
def stock_of(request, product_id: int, warehouse: int | None = None):
    company = require_company(request)
    require_perm(request.user, company, "inventory.view_stockmove")
    p = product_get_for_user(pk=product_id, user=request.user, company=company)
    wh = resolve(selectors.warehouse_list(company=company), warehouse, "warehouse")
    pv = selectors.product_value(company=company, product=p)
    return {
        "product_id": p.pk,
        **selectors.on_hand(company=company, product=p, warehouse=wh),
        "value": pv.value if pv else None,
        "average_cost": pv.average_cost if pv else None,
    }


@router.get("/transfers", response=page_of(TransferOut))
def transfer_list(request, kind: str = "", state: str = "", q: str = "", page: int = 1, limit: int = 50):
    qs = selectors.transfer_list(
        user=request.user, company=require_company(request), kind=kind, state=state, q=q
    )
    return paginate(qs.order_by("-id"), page=page, limit=limit)


@router.get("/transfers/{transfer_id}", response=TransferOut)
def transfer_get(request, transfer_id: int):
    return selectors.transfer_get_for_user(
        pk=transfer_id, user=request.user, company=require_company(request)
    )


@router.post("/transfers", response={201: TransferOut})
def transfer_create(request, payload: TransferIn):
    company = require_company(request)
    require_perm(request.user, company, "inventory.add_transfer")
    wh = resolve(selectors.warehouse_list(company=company), payload.warehouse_id, "warehouse_id")
    partner = resolve(
        partner_list(user=request.user, company=company, active=None), payload.partner_id, "partner_id"
    )
    products = product_list(user=request.user, company=company)
    lines = [
        {
            "product": resolve(products, ln.product_id, f"lines.{i}.product_id"),
            "quantity": ln.quantity,
            "lot": ln.lot,
            "price_unit": ln.price_unit,
        }
        for i, ln in enumerate(payload.lines)
    ]
    with transaction.atomic():  # created and validated together, or nothing
        t = services.transfer_create(
            company=company,
            actor=request.user,
            kind=payload.kind,
            warehouse=wh,
            lines=lines,
            partner=partner,
            origin=payload.origin,
        )
        if payload.validate_now:
            t = services.transfer_validate(transfer=t, actor=request.user)
    return Status(201, t)


def _editable(request, transfer_id):
    company = require_company(request)
    require_perm(request.user, company, "inventory.change_transfer")
    return selectors.transfer_get_for_user(pk=transfer_id, user=request.user, company=company)


@router.post("/transfers/{transfer_id}/validate", response=TransferOut)
def transfer_validate(request, transfer_id: int, payload: ValidateIn):
    t = _editable(request, transfer_id)
    return services.transfer_validate(
        transfer=t, actor=request.user, quantities=payload.quantities, backorder=payload.backorder
    )


@router.post("/transfers/{transfer_id}/cancel", response=TransferOut)
def transfer_cancel(request, transfer_id: int):
    return services.transfer_cancel(transfer=_editable(request, transfer_id), actor=request.user)


@router.post("/transfers/{transfer_id}/return", response={201: TransferOut})
def transfer_return(request, transfer_id: int):
    return Status(201, services.return_create(transfer=_editable(request, transfer_id), actor=request.user))


@router.get("/summary", response=list[SummaryRow], summary="收发存汇总 for a date range")
def summary(request, date_from: date, date_to: date, q: str = ""):
    company = require_company(request)
    require_perm(request.user, company, "inventory.view_stockmove")
    return selectors.stock_summary(company=company, date_from=date_from, date_to=date_to, q=q)


# --- counts, replenishment, lots, stock age ------------------------------------------------------------


class CountLineOut(Schema):
    id: int
    product_id: int
    lot: str | None
    expected_qty: Decimal
    counted_qty: Decimal | None

    @staticmethod
    def resolve_lot(obj):
        return obj.lot.name if obj.lot_id else None


class CountOut(Schema):
    id: int
    number: str
    warehouse_id: int
    location_id: int
    state: str
    difference_value: Decimal
    lines: list[CountLineOut]

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.select_related("lot"))


class CountIn(Schema):
    warehouse_id: int
    category_id: int | None = None


class CountSetIn(Schema):
    quantities: dict[int, Decimal | None]


class ReorderRuleIn(Schema):
    product_id: int
    warehouse_id: int
    min_qty: Decimal
    max_qty: Decimal


class ReplenishOut(Schema):
    product_id: int
    warehouse_id: int
    on_hand: Decimal
    incoming: Decimal
    outgoing: Decimal
    forecast: Decimal
    min_qty: Decimal
    max_qty: Decimal
    suggested: Decimal


class TraceMoveOut(Schema):
    move_id: int
    date: date
    transfer: str | None
    kind: str | None
    partner_id: int | None
    quantity: Decimal
    location_src: str
    location_dest: str
    state: str


class AgeOut(Schema):
    product_id: int
    code: str
    oldest: date
    buckets: list[Decimal]
    total_qty: Decimal
    total_value: Decimal


def _count(request, count_id):
    from .models import StockCount

    company = require_company(request)
    require_perm(request.user, company, "inventory.view_transfer")
    return StockCount.objects.get(pk=count_id, company=company)


@router.post("/counts", response={201: CountOut}, summary="A count sheet for a warehouse's stock location")
def count_create(request, payload: CountIn):
    from ronghe.products.selectors import product_category_list

    from . import counts

    company = require_company(request)
    require_perm(request.user, company, "inventory.add_transfer")
    wh = resolve(selectors.warehouse_list(company=company), payload.warehouse_id, "warehouse_id")
    cat = resolve(product_category_list(company=company), payload.category_id, "category_id")
    return Status(201, counts.count_create(company=company, actor=request.user, warehouse=wh, category=cat))


@router.get("/counts/{count_id}", response=CountOut)
def count_get(request, count_id: int):
    return _count(request, count_id)


@router.post(
    "/counts/{count_id}/quantities", response=CountOut, summary="Counted quantities {line id: quantity}"
)
def count_set(request, count_id: int, payload: CountSetIn):
    from . import counts

    require_perm(request.user, request.company, "inventory.change_transfer")
    return counts.count_set(
        count=_count(request, count_id),
        actor=request.user,
        quantities={k: ("" if v is None else v) for k, v in payload.quantities.items()},
    )


@router.post(
    "/counts/{count_id}/post", response=CountOut, summary="Post the differences (or send them to approval)"
)
def count_post(request, count_id: int):
    from . import counts

    require_perm(request.user, request.company, "inventory.change_transfer")
    return counts.count_post(count=_count(request, count_id), actor=request.user)


@router.put("/reorder-rules", response=dict)
def reorder_rule_put(request, payload: ReorderRuleIn):
    from . import replenish

    company = require_company(request)
    require_perm(request.user, company, "inventory.change_transfer")
    p = resolve(product_list(user=request.user, company=company), payload.product_id, "product_id")
    wh = resolve(selectors.warehouse_list(company=company), payload.warehouse_id, "warehouse_id")
    rule = replenish.reorder_rule_save(
        company=company,
        actor=request.user,
        product=p,
        warehouse=wh,
        min_qty=payload.min_qty,
        max_qty=payload.max_qty,
    )
    return {"id": rule.pk}


@router.get("/replenishment", response=list[ReplenishOut])
def replenishment(request):
    from . import replenish

    company = require_company(request)
    require_perm(request.user, company, "inventory.view_stockmove")
    return [
        {
            **{k: v for k, v in r.items() if k not in {"rule", "product", "warehouse"}},
            "product_id": r["product"].pk,
            "warehouse_id": r["warehouse"].pk,
        }
        for r in replenish.replenishment(company=company)
    ]


@router.get("/lots/{lot_id}/trace", response=list[TraceMoveOut], summary="Every move a lot touched")
def lot_trace(request, lot_id: int):
    from .models import Lot

    company = require_company(request)
    require_perm(request.user, company, "inventory.view_stockmove")
    lot = Lot.objects.get(pk=lot_id, company=company)
    return [
        {
            "move_id": m.pk,
            "date": m.date,
            "transfer": m.transfer.number if m.transfer_id else None,
            "kind": m.transfer.kind if m.transfer_id else None,
            "partner_id": m.partner_id,
            "quantity": m.product_qty,
            "location_src": m.location_src.full_name,
            "location_dest": m.location_dest.full_name,
            "state": m.state,
        }
        for m in selectors.lot_trace(company=company, lot=lot)["moves"]
    ]


@router.get("/stock-age", response=list[AgeOut], summary="Slow-moving stock: quantity by receipt age")
def stock_age(request, q: str = ""):
    company = require_company(request)
    require_perm(request.user, company, "inventory.view_stockmove")
    return selectors.stock_age(company=company, q=q)
