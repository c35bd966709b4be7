"""Sales endpoints: quotations/orders (create, edit, send, confirm, cancel), invoicing, returns and credit
notes. Deliveries are validated through /inventory/transfers, approvals through /approvals/tasks."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from ronghe.accounting.api_subledger import CreditIn, DocOut
from ronghe.core.apikit import page_of, paginate, require_company, resolve, resolve_in_lines
from ronghe.inventory.api import ReturnIn, TransferRef
from ronghe.inventory.selectors import transfer_ids_by_origin, warehouse_list
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list

from . import selectors, services

router = Router(tags=["sales"])


class SalesLineIn(Schema):
    product_id: int
    quantity: Decimal
    unit_price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    vat_rate: Decimal | None = None
    description: str = ""
    requested_date: datetime.date | None = None


class SalesLineOut(Schema):
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
    qty_delivered: Decimal
    price_note: str


class SalesOrderIn(Schema):
    partner_id: int
    warehouse_id: int | None = None
    date: datetime.date | None = None
    validity_date: datetime.date | None = None
    price_includes_tax: bool = True
    reference: str = ""
    note: str = ""
    lines: list[SalesLineIn]


class SalesOrderListOut(Schema):
    """An order in a list: everything but the ship dates (available-to-promise is worked out per order)."""

    id: int
    number: str
    state: str
    approval_state: str
    approval_reason: str
    partner_id: int
    partner_name: str
    salesperson_id: int | None
    warehouse_id: int
    date: datetime.date
    price_includes_tax: bool
    amount_untaxed: Decimal
    amount_tax: Decimal
    amount_total: Decimal
    delivery_ids: list[int]
    lines: list[SalesLineOut]

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_delivery_ids(obj):
        if hasattr(obj, "delivery_id_list"):  # set for a whole page by the list endpoint
            return obj.delivery_id_list
        return list(services.deliveries(obj).values_list("pk", flat=True))

    @staticmethod
    def resolve_lines(obj):
        if "lines" in getattr(obj, "_prefetched_objects_cache", {}):
            return sorted(obj.lines.all(), key=lambda x: x.seq)
        return selectors.order_lines(obj)


class SalesOrderOut(SalesOrderListOut):
    ship_dates: dict[int, datetime.date | None]

    @staticmethod
    def resolve_ship_dates(obj):
        return services.ship_dates(obj)


class SalesInvoiceIn(Schema):
    order_ids: list[int] = []
    basis: str = "delivered"
    post: bool = False
    date: datetime.date | None = None


def _lines(request, company, lines: list[SalesLineIn]) -> list[dict]:
    return resolve_in_lines(
        product_list(user=request.user, company=company, active=None),
        [x.dict() for x in lines],
        key="product_id",
        into="product",
    )


def _header(request, company, payload: SalesOrderIn) -> dict:
    partner = resolve(
        partner_list(user=request.user, company=company, active=None), payload.partner_id, "partner_id"
    )
    warehouse = (
        resolve(warehouse_list(company=company), payload.warehouse_id, "warehouse_id")
        if payload.warehouse_id
        else None
    )
    return {
        "partner": partner,
        "warehouse": warehouse,
        "reference": payload.reference,
        "note": payload.note,
        "validity_date": payload.validity_date,
    }


def _get(request, order_id):
    company = require_company(request)
    return selectors.order_get_for_user(pk=order_id, user=request.user, company=company)


@router.get("/orders", response=page_of(SalesOrderListOut))
def order_list(request, state: str = "", q: str = "", page: int = 1, limit: int = 50):
    qs = selectors.order_list(user=request.user, company=require_company(request), state=state, q=q)
    out = paginate(qs.prefetch_related("lines__product"), page=page, limit=limit)
    ids = transfer_ids_by_origin(out["items"])
    for order in out["items"]:
        order.delivery_id_list = ids[order.pk]
    return out


@router.get("/orders/{order_id}", response=SalesOrderOut)
def order_get(request, order_id: int):
    return _get(request, order_id)


@router.post("/orders", response={201: SalesOrderOut}, summary="A quotation")
def order_create(request, payload: SalesOrderIn):
    company = require_company(request)
    order = services.order_create(
        company=company,
        actor=request.user,
        lines=_lines(request, company, payload.lines),
        date=payload.date,
        price_includes_tax=payload.price_includes_tax,
        **_header(request, company, payload),
    )
    return Status(201, order)


@router.put("/orders/{order_id}", response=SalesOrderOut)
def order_update(request, order_id: int, payload: SalesOrderIn):
    order = _get(request, order_id)
    company = order.company
    header = _header(request, company, payload)
    header.pop("warehouse")
    return services.order_update(
        order=order, actor=request.user, lines=_lines(request, company, payload.lines), **header
    )


@router.post("/orders/{order_id}/send", response=SalesOrderOut)
def order_send(request, order_id: int):
    return services.order_send(order=_get(request, order_id), actor=request.user)


@router.post(
    "/orders/{order_id}/confirm",
    response=SalesOrderOut,
    summary="Confirm; above the discount or credit limit it goes to approval first",
)
def order_confirm(request, order_id: int):
    return services.order_confirm(order=_get(request, order_id), actor=request.user)


@router.post("/orders/{order_id}/cancel", response=SalesOrderOut)
def order_cancel(request, order_id: int):
    return services.order_cancel(order=_get(request, order_id), actor=request.user)


@router.post(
    "/orders/{order_id}/invoice",
    response={201: DocOut},
    summary="Invoice this order (and order_ids of the same customer) by delivered or ordered quantity",
)
def order_invoice(request, order_id: int, payload: SalesInvoiceIn):
    company = require_company(request)
    orders = [_get(request, order_id)] + [
        selectors.order_get_for_user(pk=pk, user=request.user, company=company)
        for pk in payload.order_ids
        if pk != order_id
    ]
    inv = services.order_invoice(
        orders=orders, actor=request.user, basis=payload.basis, post=payload.post, date=payload.date
    )
    return Status(201, inv)


@router.post(
    "/orders/{order_id}/return",
    response={201: list[TransferRef]},
    summary="Customer return: {order line id: quantity} → return transfers",
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
    summary="Credit notes for returned quantities already invoiced",
)
def order_credit(request, order_id: int, payload: CreditIn):
    return Status(
        201, services.order_credit(order=_get(request, order_id), actor=request.user, post=payload.post)
    )


class DownPaymentIn(Schema):
    amount: Decimal
    bank_account_id: int
    date: datetime.date | None = None


@router.post(
    "/orders/{order_id}/down-payment",
    response={201: DocOut},
    summary="A down payment (预收款) received for the order, deducted from its invoices",
)
def order_down_payment(request, order_id: int, payload: DownPaymentIn):
    from ronghe.accounting.selectors import bank_account_list

    order = _get(request, order_id)
    bank = resolve(
        bank_account_list(user=request.user, company=order.company),
        payload.bank_account_id,
        "bank_account_id",
    )
    pay = services.order_down_payment(
        order=order, actor=request.user, amount=payload.amount, bank_account=bank, date=payload.date
    )
    return Status(201, {"id": pay.pk, "number": pay.number, "state": pay.state, "amount_total": pay.amount})
