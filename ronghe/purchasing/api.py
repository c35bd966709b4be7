"""Purchasing endpoints: purchase orders (create, edit, confirm — approval above the amount — cancel), bills
from orders and posting them through the three-way match. Receipts are validated through
/inventory/transfers, approvals through /approvals/tasks, payments through /accounting/payments."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from ronghe.accounting.api_subledger import CreditIn, DocOut
from ronghe.accounting.selectors import invoice_get_for_user
from ronghe.core.apikit import page_of, paginate, require_company, resolve, resolve_in_lines
from ronghe.inventory.api import ReturnIn, TransferRef
from ronghe.inventory.selectors import transfer_ids_by_origin, warehouse_list
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list

from . import selectors, services
from .models import BillMatch

router = Router(tags=["purchasing"])


class PurchaseLineIn(Schema):
    product_id: int
    quantity: Decimal
    unit_price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    vat_rate: Decimal | None = None
    description: str = ""


class PurchaseLineOut(Schema):
    id: int
    seq: int
    product_id: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    vat_rate: Decimal
    amount_untaxed: Decimal
    amount_tax: Decimal
    amount_total: Decimal
    qty_received: Decimal


class PurchaseOrderIn(Schema):
    partner_id: int
    warehouse_id: int | None = None
    date: datetime.date | None = None
    expected_date: datetime.date | None = None
    price_includes_tax: bool = True
    reference: str = ""
    note: str = ""
    lines: list[PurchaseLineIn]


class PurchaseOrderOut(Schema):
    id: int
    number: str
    state: str
    approval_state: str
    partner_id: int
    partner_name: str
    warehouse_id: int
    date: datetime.date
    expected_date: datetime.date | None
    amount_untaxed: Decimal
    amount_tax: Decimal
    amount_total: Decimal
    receipt_ids: list[int]
    lines: list[PurchaseLineOut]

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_receipt_ids(obj):
        if hasattr(obj, "receipt_id_list"):  # set for a whole page by the list endpoint
            return obj.receipt_id_list
        return list(services.receipts(obj).values_list("pk", flat=True))

    @staticmethod
    def resolve_lines(obj):
        if "lines" in getattr(obj, "_prefetched_objects_cache", {}):
            return sorted(obj.lines.all(), key=lambda x: x.seq)
        return selectors.order_lines(obj)


class BillIn(Schema):
    order_ids: list[int] = []
    date: datetime.date | None = None
    fapiao_type: str = "special"
    fapiao_number: str = ""
    prices: dict[int, Decimal] = {}
    quantities: dict[int, Decimal] = {}


class BillOut(Schema):
    id: int
    number: str
    state: str
    amount_total: Decimal
    amount_open: Decimal
    match_id: int | None = None
    match_state: str | None = None
    differences: list[dict] = []


def _lines(request, company, lines: list[PurchaseLineIn]) -> list[dict]:
    return resolve_in_lines(
        product_list(user=request.user, company=company, active=None),
        [x.dict() for x in lines],
        key="product_id",
        into="product",
    )


def _get(request, order_id):
    return selectors.order_get_for_user(pk=order_id, user=request.user, company=require_company(request))


def _bill_out(inv) -> dict:
    match = BillMatch.objects.filter(invoice=inv).first()
    return {
        "id": inv.pk,
        "number": inv.number,
        "state": inv.state,
        "amount_total": inv.amount_total,
        "amount_open": inv.amount_open,
        "match_id": match.pk if match else None,
        "match_state": match.state if match else None,
        "differences": match.differences if match else [],
    }


@router.get("/orders", response=page_of(PurchaseOrderOut))
def order_list(request, state: str = "", q: str = "", page: int = 1, limit: int = 50):
    qs = selectors.order_list(user=request.user, company=require_company(request), state=state, q=q)
    out = paginate(qs.prefetch_related("lines__product"), page=page, limit=limit)
    ids = transfer_ids_by_origin(out["items"])
    for order in out["items"]:
        order.receipt_id_list = ids[order.pk]
    return out


# before /orders/{order_id}: Django tries the URL patterns in order, and that one would take it
class FromRequestsIn(Schema):
    request_ids: list[int]
    default_supplier_id: int | None = None


@router.post(
    "/orders/from-requests",
    response={201: list[PurchaseOrderOut]},
    summary="Approved 采购申请 → draft purchase orders, one per supplier",
)
def orders_from_requests(request, payload: FromRequestsIn):
    company = require_company(request)
    default = (
        resolve(
            partner_list(user=request.user, company=company, active=None),
            payload.default_supplier_id,
            "default_supplier_id",
        )
        if payload.default_supplier_id
        else None
    )
    return Status(
        201,
        services.orders_from_requests(
            company=company, actor=request.user, requests=payload.request_ids, default_supplier=default
        ),
    )


@router.get("/orders/{order_id}", response=PurchaseOrderOut)
def order_get(request, order_id: int):
    return _get(request, order_id)


@router.post("/orders", response={201: PurchaseOrderOut})
def order_create(request, payload: PurchaseOrderIn):
    company = require_company(request)
    partner = resolve(
        partner_list(user=request.user, company=company, active=None), payload.partner_id, "partner_id"
    )
    warehouse = (
        resolve(warehouse_list(company=company), payload.warehouse_id, "warehouse_id")
        if payload.warehouse_id
        else None
    )
    order = services.order_create(
        company=company,
        actor=request.user,
        partner=partner,
        warehouse=warehouse,
        lines=_lines(request, company, payload.lines),
        date=payload.date,
        expected_date=payload.expected_date,
        price_includes_tax=payload.price_includes_tax,
        reference=payload.reference,
        note=payload.note,
    )
    return Status(201, order)


@router.put("/orders/{order_id}", response=PurchaseOrderOut)
def order_update(request, order_id: int, payload: PurchaseOrderIn):
    order = _get(request, order_id)
    return services.order_update(
        order=order,
        actor=request.user,
        lines=_lines(request, order.company, payload.lines),
        expected_date=payload.expected_date,
        reference=payload.reference,
        note=payload.note,
    )


@router.post(
    "/orders/{order_id}/confirm",
    response=PurchaseOrderOut,
    summary="Confirm; above the approval amount it goes to approval first",
)
def order_confirm(request, order_id: int):
    return services.order_confirm(order=_get(request, order_id), actor=request.user)


@router.post(
    "/orders/{order_id}/send", response=PurchaseOrderOut, summary="The request for quotation went out"
)
def order_send(request, order_id: int):
    return services.order_send(order=_get(request, order_id), actor=request.user)


class CopyIn(Schema):
    partner_id: int


@router.post(
    "/orders/{order_id}/copy",
    response={201: PurchaseOrderOut},
    summary="The same request for quotation to another supplier",
)
def order_copy(request, order_id: int, payload: CopyIn):
    company = require_company(request)
    partner = resolve(
        partner_list(user=request.user, company=company, active=None), payload.partner_id, "partner_id"
    )
    return Status(
        201, services.order_copy(order=_get(request, order_id), actor=request.user, partner=partner)
    )


class SupplierPriceIn(Schema):
    partner_id: int
    product_id: int
    price: Decimal
    min_quantity: Decimal = Decimal(1)
    lead_days: int = 0
    supplier_code: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class SupplierPriceOut(Schema):
    id: int
    partner_id: int
    partner_name: str
    product_id: int
    product_name: str
    supplier_code: str
    min_quantity: Decimal
    price: Decimal
    lead_days: int
    date_from: datetime.date | None
    date_to: datetime.date | None

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_product_name(obj):
        return obj.product.name


@router.get("/supplier-prices", response=page_of(SupplierPriceOut))
def supplier_price_list(
    request,
    product_id: int | None = None,
    partner_id: int | None = None,
    q: str = "",
    page: int = 1,
    limit: int = 50,
):
    qs = selectors.supplier_price_list(user=request.user, company=require_company(request), q=q)
    if product_id:
        qs = qs.filter(product_id=product_id)
    if partner_id:
        qs = qs.filter(partner_id=partner_id)
    return paginate(qs, page=page, limit=limit)


def _price_data(request, company, payload: SupplierPriceIn) -> dict:
    data = payload.dict()
    data["partner"] = resolve(
        partner_list(user=request.user, company=company, active=None), data.pop("partner_id"), "partner_id"
    )
    data["product"] = resolve(
        product_list(user=request.user, company=company, active=None), data.pop("product_id"), "product_id"
    )
    return data


@router.post("/supplier-prices", response={201: SupplierPriceOut})
def supplier_price_create(request, payload: SupplierPriceIn):
    company = require_company(request)
    entry = services.supplier_price_save(
        company=company, actor=request.user, data=_price_data(request, company, payload)
    )
    return Status(201, entry)


@router.put("/supplier-prices/{entry_id}", response=SupplierPriceOut)
def supplier_price_update(request, entry_id: int, payload: SupplierPriceIn):
    company = require_company(request)
    entry = selectors.supplier_price_list(user=request.user, company=company).get(pk=entry_id)
    return services.supplier_price_save(
        company=company, actor=request.user, data=_price_data(request, company, payload), entry=entry
    )


@router.delete("/supplier-prices/{entry_id}", response={204: None})
def supplier_price_delete(request, entry_id: int):
    company = require_company(request)
    entry = selectors.supplier_price_list(user=request.user, company=company).get(pk=entry_id)
    services.supplier_price_delete(entry=entry, actor=request.user)
    return Status(204, None)


@router.post(
    "/orders/{order_id}/return",
    response={201: list[TransferRef]},
    summary="Return to the supplier: {order line id: quantity} → return transfers",
)
def order_return(request, order_id: int, payload: ReturnIn):
    return Status(
        201,
        services.order_return(
            order=_get(request, order_id), actor=request.user, quantities=payload.quantities
        ),
    )


@router.post(
    "/orders/{order_id}/credit",
    response={201: list[DocOut]},
    summary="Supplier credit notes for returned quantities already billed",
)
def order_credit(request, order_id: int, payload: CreditIn):
    return Status(
        201, services.order_credit(order=_get(request, order_id), actor=request.user, post=payload.post)
    )


@router.post("/orders/{order_id}/cancel", response=PurchaseOrderOut)
def order_cancel(request, order_id: int):
    return services.order_cancel(order=_get(request, order_id), actor=request.user)


@router.post(
    "/orders/{order_id}/bill",
    response={201: BillOut},
    summary="A draft supplier bill for what was received and not billed",
)
def order_bill(request, order_id: int, payload: BillIn):
    company = require_company(request)
    orders = [_get(request, order_id)] + [
        selectors.order_get_for_user(pk=pk, user=request.user, company=company)
        for pk in payload.order_ids
        if pk != order_id
    ]
    inv = services.order_bill(
        orders=orders,
        actor=request.user,
        date=payload.date,
        fapiao_type=payload.fapiao_type,
        fapiao_number=payload.fapiao_number,
        prices=payload.prices,
        quantities=payload.quantities,
    )
    return Status(201, _bill_out(inv))


@router.post(
    "/bills/{invoice_id}/post",
    response=BillOut,
    summary="Post a supplier bill through the three-way match (a mismatch goes to approval)",
)
def bill_post(request, invoice_id: int):
    company = require_company(request)
    inv = invoice_get_for_user(pk=invoice_id, user=request.user, company=company)
    services.bill_post(invoice=inv, actor=request.user)
    inv.refresh_from_db()
    return _bill_out(inv)
