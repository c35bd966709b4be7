"""Sub-ledger endpoints: customer invoices and supplier bills (credit notes included), receipts and payments
with their allocations, month-end exchange revaluation, bank accounts, statement import, matching and the
reconciliation statement, and the AR/AP reports (aging, partner statement, cash-flow statement)."""

import datetime
from decimal import Decimal

from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from ronghe.core.apikit import page_of, paginate, require_company, resolve, resolve_in_lines
from ronghe.core.scoping import require_perm
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list

from . import bank, invoicing, payments, reports, selectors
from .models import VoucherLine

router = Router(tags=["accounting"])


class DocOut(Schema):
    """A document created by another module's action (an invoice, a credit note, a payment)."""

    id: int
    number: str
    state: str
    amount_total: Decimal


class CreditIn(Schema):
    post: bool = True


class InvoiceLineIn(Schema):
    product_id: int | None = None
    description: str = ""
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal = Decimal(0)
    vat_rate: Decimal
    account: str | None = None


class InvoiceLineOut(Schema):
    seq: int
    product_id: int | None
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    vat_rate: Decimal
    account: str
    amount_untaxed: Decimal
    amount_tax: Decimal
    amount_total: Decimal

    @staticmethod
    def resolve_account(obj):
        return obj.account.code


class InvoiceIn(Schema):
    kind: str
    partner_id: int
    date: datetime.date
    due_date: datetime.date | None = None
    currency: str | None = None
    rate: Decimal | None = None
    price_includes_tax: bool = True
    fapiao_type: str = "special"
    fapiao_code: str = ""
    fapiao_number: str = ""
    fapiao_date: datetime.date | None = None
    reference: str = ""
    note: str = ""
    refund_of_id: int | None = None
    lines: list[InvoiceLineIn]


class InvoiceOut(Schema):
    id: int
    kind: str
    is_refund: bool
    refund_of_id: int | None
    number: str
    state: str
    partner_id: int
    partner_name: str
    date: datetime.date
    due_date: datetime.date
    currency: str
    rate: Decimal
    price_includes_tax: bool
    fapiao_type: str
    fapiao_code: str
    fapiao_number: str
    reference: str
    amount_untaxed: Decimal
    amount_tax: Decimal
    amount_total: Decimal
    amount_total_cny: Decimal
    amount_open: Decimal
    voucher_id: int | None
    voucher_number: str | None
    lines: list[InvoiceLineOut]

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_currency(obj):
        return obj.currency_id

    @staticmethod
    def resolve_voucher_number(obj):
        return obj.voucher.display_number if obj.voucher_id else None

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.select_related("account"))


class AllocationIn(Schema):
    invoice_id: int
    amount: Decimal
    write_off: bool = False


class AllocationOut(Schema):
    id: int
    invoice_id: int
    invoice_number: str
    payment_id: int | None
    credit_note_id: int | None
    date: datetime.date
    amount: Decimal
    write_off: Decimal
    fx_difference: Decimal
    voucher_id: int | None

    @staticmethod
    def resolve_invoice_number(obj):
        return obj.invoice.number


class PaymentIn(Schema):
    kind: str
    partner_id: int
    date: datetime.date
    bank_account_id: int
    amount: Decimal
    rate: Decimal | None = None
    cashflow_item: str | None = None
    reference: str = ""
    note: str = ""
    allocations: list[AllocationIn] = []


class PaymentOut(Schema):
    id: int
    kind: str
    number: str
    state: str
    partner_id: int
    partner_name: str
    date: datetime.date
    bank_account_id: int
    currency: str
    rate: Decimal
    amount: Decimal
    amount_cny: Decimal
    amount_unallocated: Decimal
    cashflow_item: str
    reference: str
    voucher_id: int | None
    allocations: list[AllocationOut]

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_currency(obj):
        return obj.currency_id

    @staticmethod
    def resolve_allocations(obj):
        return list(obj.allocations.select_related("invoice"))


class AllocateIn(Schema):
    invoice_id: int
    amount: Decimal
    write_off: bool = False
    date: datetime.date | None = None


class MonthIn(Schema):
    year: int = Field(ge=1900, le=9999)
    month: int = Field(ge=1, le=12)


class BankAccountIn(Schema):
    name: str
    account: str
    currency: str | None = None
    bank_name: str = ""
    account_number: str = ""


class BankAccountOut(Schema):
    id: int
    name: str
    bank_name: str
    account_number: str
    currency: str
    account: str
    active: bool

    @staticmethod
    def resolve_currency(obj):
        return obj.currency_id

    @staticmethod
    def resolve_account(obj):
        return obj.account.code


class StatementLineOut(Schema):
    id: int
    date: datetime.date
    description: str
    counterparty: str
    reference: str
    amount: Decimal
    balance: Decimal | None
    matched_line_id: int | None


class ImportOut(Schema):
    created: int
    skipped: int
    matched: int


class SuggestionOut(Schema):
    voucher_line_id: int
    voucher_id: int
    voucher_number: str
    date: datetime.date
    summary: str
    amount: Decimal
    score: int


class MatchIn(Schema):
    voucher_line_id: int


class ReconciliationOut(Schema):
    on: datetime.date
    book: Decimal
    bank: Decimal
    bank_in: Decimal
    bank_out: Decimal
    book_in: Decimal
    book_out: Decimal
    adjusted_book: Decimal
    adjusted_bank: Decimal
    balanced: bool


class AgingRow(Schema):
    partner_id: int
    partner_name: str
    not_due: Decimal
    d30: Decimal
    d60: Decimal
    d90: Decimal
    older: Decimal
    total: Decimal
    unapplied: Decimal
    net: Decimal


class AgingOut(Schema):
    on: datetime.date
    rows: list[AgingRow]
    totals: dict[str, Decimal]


class PartnerStatementRow(Schema):
    date: datetime.date
    voucher_id: int
    number: str
    state: str
    summary: str
    account: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


class PartnerStatementOut(Schema):
    partner_id: int
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal
    rows: list[PartnerStatementRow]


class CashFlowRow(Schema):
    line: int | None
    name: str
    total: bool
    month: Decimal | None
    year: Decimal | None


class CashFlowOut(Schema):
    rows: list[CashFlowRow]


def _lines(request, company, lines: list[InvoiceLineIn]) -> list[dict]:
    return resolve_in_lines(
        product_list(user=request.user, company=company, active=None),
        [x.dict() for x in lines],
        key="product_id",
        into="product",
    )


def _partner(request, company, pk):
    return resolve(partner_list(user=request.user, company=company, active=None), pk, "partner_id")


@router.get("/invoices", response=page_of(InvoiceOut))
def invoice_list(
    request,
    kind: str = "",
    state: str = "",
    partner_id: int | None = None,
    q: str = "",
    open: bool = False,
    page: int = 1,
    limit: int = 50,
):
    company = require_company(request)
    partner = _partner(request, company, partner_id) if partner_id else None
    qs = selectors.invoice_list(
        user=request.user, company=company, kind=kind, state=state, partner=partner, q=q, open_only=open
    )
    return paginate(qs.prefetch_related("lines__account"), page=page, limit=limit)


@router.get("/invoices/{invoice_id}", response=InvoiceOut)
def invoice_get(request, invoice_id: int):
    return selectors.invoice_get_for_user(pk=invoice_id, user=request.user, company=require_company(request))


def _invoice_fields(request, company, payload: InvoiceIn) -> dict:
    data = payload.dict(exclude={"lines", "partner_id", "refund_of_id", "kind"})
    data["partner"] = _partner(request, company, payload.partner_id)
    if payload.rate is None:
        data.pop("rate")
    return data


@router.post("/invoices", response={201: InvoiceOut})
def invoice_create(request, payload: InvoiceIn):
    company = require_company(request)
    refund_of = (
        resolve(
            selectors.invoice_list(user=request.user, company=company), payload.refund_of_id, "refund_of_id"
        )
        if payload.refund_of_id
        else None
    )
    inv = invoicing.invoice_create(
        company=company,
        actor=request.user,
        kind=payload.kind,
        refund_of=refund_of,
        lines=_lines(request, company, payload.lines),
        **_invoice_fields(request, company, payload),
    )
    return Status(201, inv)


@router.put("/invoices/{invoice_id}", response=InvoiceOut)
def invoice_update(request, invoice_id: int, payload: InvoiceIn):
    company = require_company(request)
    inv = selectors.invoice_get_for_user(pk=invoice_id, user=request.user, company=company)
    return invoicing.invoice_update(
        invoice=inv,
        actor=request.user,
        lines=_lines(request, company, payload.lines),
        **_invoice_fields(request, company, payload),
    )


@router.delete("/invoices/{invoice_id}", response={204: None})
def invoice_delete(request, invoice_id: int):
    company = require_company(request)
    inv = selectors.invoice_get_for_user(pk=invoice_id, user=request.user, company=company)
    invoicing.invoice_delete(invoice=inv, actor=request.user)
    return Status(204, None)


@router.post("/invoices/{invoice_id}/post", response=InvoiceOut)
def invoice_post(request, invoice_id: int):
    company = require_company(request)
    inv = selectors.invoice_get_for_user(pk=invoice_id, user=request.user, company=company)
    return invoicing.invoice_post(invoice=inv, actor=request.user)


@router.post(
    "/invoices/{credit_note_id}/allocate",
    response={201: AllocationOut},
    summary="Settle an invoice with a posted credit note",
)
def credit_allocate(request, credit_note_id: int, payload: AllocateIn):
    company = require_company(request)
    note = selectors.invoice_get_for_user(pk=credit_note_id, user=request.user, company=company)
    inv = resolve(
        selectors.invoice_list(user=request.user, company=company), payload.invoice_id, "invoice_id"
    )
    return Status(
        201,
        payments.credit_allocate(credit_note=note, invoice=inv, actor=request.user, amount=payload.amount),
    )


@router.get("/payments", response=page_of(PaymentOut))
def payment_list(
    request,
    kind: str = "",
    state: str = "",
    partner_id: int | None = None,
    q: str = "",
    page: int = 1,
    limit: int = 50,
):
    company = require_company(request)
    partner = _partner(request, company, partner_id) if partner_id else None
    qs = selectors.payment_list(
        user=request.user, company=company, kind=kind, state=state, partner=partner, q=q
    )
    return paginate(qs.prefetch_related("allocations__invoice"), page=page, limit=limit)


@router.get("/payments/{payment_id}", response=PaymentOut)
def payment_get(request, payment_id: int):
    return selectors.payment_get_for_user(pk=payment_id, user=request.user, company=require_company(request))


@router.post("/payments", response={201: PaymentOut})
def payment_create(request, payload: PaymentIn):
    company = require_company(request)
    invoices = selectors.invoice_list(user=request.user, company=company)
    allocations = [
        {
            "invoice": resolve(invoices, a.invoice_id, f"allocations.{i}.invoice_id"),
            "amount": a.amount,
            "write_off": a.write_off,
        }
        for i, a in enumerate(payload.allocations)
    ]
    pay = payments.payment_create(
        company=company,
        actor=request.user,
        kind=payload.kind,
        partner=_partner(request, company, payload.partner_id),
        date=payload.date,
        bank_account=resolve(
            selectors.bank_account_list(user=request.user, company=company),
            payload.bank_account_id,
            "bank_account_id",
        ),
        amount=payload.amount,
        rate=payload.rate,
        allocations=allocations,
        cashflow_item=payload.cashflow_item,
        reference=payload.reference,
        note=payload.note,
    )
    return Status(201, pay)


@router.delete("/payments/{payment_id}", response={204: None})
def payment_delete(request, payment_id: int):
    company = require_company(request)
    pay = selectors.payment_get_for_user(pk=payment_id, user=request.user, company=company)
    payments.payment_delete(payment=pay, actor=request.user)
    return Status(204, None)


@router.post("/payments/{payment_id}/post", response=PaymentOut)
def payment_post(request, payment_id: int):
    company = require_company(request)
    pay = selectors.payment_get_for_user(pk=payment_id, user=request.user, company=company)
    return payments.payment_post(payment=pay, actor=request.user)


@router.post(
    "/payments/{payment_id}/allocate",
    response={201: AllocationOut},
    summary="Allocate a posted payment's prepayment to an invoice",
)
def payment_allocate(request, payment_id: int, payload: AllocateIn):
    company = require_company(request)
    pay = selectors.payment_get_for_user(pk=payment_id, user=request.user, company=company)
    inv = resolve(
        selectors.invoice_list(user=request.user, company=company), payload.invoice_id, "invoice_id"
    )
    return Status(
        201,
        payments.payment_allocate(
            payment=pay,
            invoice=inv,
            actor=request.user,
            amount=payload.amount,
            write_off=payload.write_off,
            date=payload.date,
        ),
    )


@router.post("/fx-revaluation", response={200: dict}, summary="期末汇兑损益: revalue open foreign items")
def fx_revaluation(request, payload: MonthIn):
    company = require_company(request)
    v = payments.fx_revalue(company=company, actor=request.user, year=payload.year, month=payload.month)
    return {"voucher_id": v.pk if v else None}


@router.get("/bank-accounts", response=list[BankAccountOut])
def bank_account_list(request):
    return list(selectors.bank_account_list(user=request.user, company=require_company(request), active=None))


@router.post("/bank-accounts", response={201: BankAccountOut})
def bank_account_create(request, payload: BankAccountIn):
    company = require_company(request)
    return Status(201, bank.bank_account_create(company=company, actor=request.user, **payload.dict()))


def _bank(request, pk):
    company = require_company(request)
    return resolve(
        selectors.bank_account_list(user=request.user, company=company, active=None), pk, "bank_account_id"
    )


@router.post(
    "/bank-accounts/{bank_account_id}/statements",
    response={201: ImportOut},
    summary="Import a bank statement (CSV or .xlsx)",
)
def statement_import(request, bank_account_id: int, file: UploadedFile = File(...)):  # noqa: B008
    acct = _bank(request, bank_account_id)
    return Status(
        201,
        bank.statement_import(bank_account=acct, actor=request.user, filename=file.name, content=file.read()),
    )


@router.get("/bank-accounts/{bank_account_id}/statement-lines", response=page_of(StatementLineOut))
def statement_line_list(
    request, bank_account_id: int, matched: bool | None = None, page: int = 1, limit: int = 100
):
    return paginate(
        selectors.statement_lines(bank_account=_bank(request, bank_account_id), matched=matched),
        page=page,
        limit=limit,
    )


def _statement_line(request, bank_account_id, line_id):
    acct = _bank(request, bank_account_id)
    return resolve(selectors.statement_lines(bank_account=acct), line_id, "line_id")


@router.get(
    "/bank-accounts/{bank_account_id}/statement-lines/{line_id}/suggestions", response=list[SuggestionOut]
)
def statement_suggestions(request, bank_account_id: int, line_id: int):
    line = _statement_line(request, bank_account_id, line_id)
    return [
        {
            "voucher_line_id": s["line"].pk,
            "voucher_id": s["line"].voucher_id,
            "voucher_number": s["line"].voucher.display_number,
            "date": s["line"].date,
            "summary": s["line"].summary,
            "amount": s["line"].debit - s["line"].credit,
            "score": s["score"],
        }
        for s in bank.suggestions(line=line)
    ]


@router.post("/bank-accounts/{bank_account_id}/statement-lines/{line_id}/match", response=StatementLineOut)
def statement_match(request, bank_account_id: int, line_id: int, payload: MatchIn):
    line = _statement_line(request, bank_account_id, line_id)
    x = resolve(
        VoucherLine.objects.filter(company=line.company_id), payload.voucher_line_id, "voucher_line_id"
    )
    return bank.statement_match(line=line, voucher_line=x, actor=request.user)


@router.post("/bank-accounts/{bank_account_id}/statement-lines/{line_id}/unmatch", response=StatementLineOut)
def statement_unmatch(request, bank_account_id: int, line_id: int):
    return bank.statement_unmatch(line=_statement_line(request, bank_account_id, line_id), actor=request.user)


class ReconcileStartIn(Schema):
    date: datetime.date
    statement_opening: Decimal


@router.put(
    "/bank-accounts/{bank_account_id}/reconciliation-start",
    response=BankAccountOut,
    summary="启用期初: the day reconciliation starts and the bank's balance the day before",
)
def reconciliation_start(request, bank_account_id: int, payload: ReconcileStartIn):
    return bank.reconciliation_start(
        bank_account=_bank(request, bank_account_id),
        actor=request.user,
        date=payload.date,
        statement_opening=payload.statement_opening,
    )


@router.get(
    "/bank-accounts/{bank_account_id}/reconciliation",
    response=ReconciliationOut,
    summary="银行存款余额调节表",
)
def reconciliation(request, bank_account_id: int, on: datetime.date):
    r = bank.reconciliation(bank_account=_bank(request, bank_account_id), on=on)
    return {
        **{k: r[k] for k in ("on", "book", "bank", "adjusted_book", "adjusted_bank", "balanced")},
        "bank_in": sum((x.amount for x in r["bank_in"]), Decimal(0)),
        "bank_out": sum((x.amount for x in r["bank_out"]), Decimal(0)),
        "book_in": sum((x.debit - x.credit for x in r["book_in"]), Decimal(0)),
        "book_out": sum((x.debit - x.credit for x in r["book_out"]), Decimal(0)),
    }


@router.get("/reports/aging", response=AgingOut, summary="应收/应付账龄 by partner")
def aging(request, kind: str = "sale", on: datetime.date | None = None):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_invoice")
    data = reports.aging(company, kind=kind, on=on or datetime.date.today())
    data["rows"] = [
        {**r, "partner_id": r["partner"].pk, "partner_name": r["partner"].name} for r in data["rows"]
    ]
    return data


@router.get("/reports/partner-statement", response=PartnerStatementOut, summary="对账单")
def partner_statement(request, partner_id: int, start: datetime.date, end: datetime.date):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_invoice")
    data = reports.partner_statement(
        company, partner=_partner(request, company, partner_id), start=start, end=end
    )
    return {
        **{k: data[k] for k in ("opening", "debit", "credit", "closing")},
        "partner_id": partner_id,
        "rows": [
            {
                "date": r["line"].date,
                "voucher_id": r["line"].voucher_id,
                "number": r["line"].voucher.display_number,
                "state": r["line"].voucher.state,
                "summary": r["line"].summary,
                "account": r["line"].account.code,
                "debit": r["line"].debit,
                "credit": r["line"].credit,
                "balance": r["balance"],
            }
            for r in data["rows"]
        ],
    }


@router.get("/reports/cash-flow", response=CashFlowOut, summary="现金流量表 (会小企03表)")
def cash_flow(request, year: int, month: int):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    return reports.cash_flow(company, year=year, month=month)
