"""Accounting endpoints: accounts, vouchers (create, edit, delete, review, unreview, post, reverse, copy),
periods (close, reopen) and the reports (trial balance, balance sheet, income statement, ledger)."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.errors import ValidationFailed
from ronghe.core.scoping import require_perm

from . import closing, reports, selectors, services
from .inputs import lines_from_input

router = Router(tags=["accounting"])


class AccountOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    level: int
    category: str
    direction: str
    is_leaf: bool
    active: bool
    dims: list[str]

    @staticmethod
    def resolve_dims(obj):
        return obj.required_dims


class AccountIn(Schema):
    parent_code: str
    code: str
    name: str
    name_en: str = ""
    dims: list[str] = []


class VoucherLineOut(Schema):
    seq: int
    summary: str
    account: str
    account_name: str
    debit: Decimal
    credit: Decimal
    partner_id: int | None
    department_id: int | None
    employee_id: int | None
    project_id: int | None
    cashflow_item: str

    @staticmethod
    def resolve_account(obj):
        return obj.account.code

    @staticmethod
    def resolve_account_name(obj):
        return obj.account.name


class VoucherOut(Schema):
    id: int
    number: str
    period: str
    date: datetime.date
    word: str
    kind: str
    state: str
    red: bool
    attachments: int
    note: str
    total_debit: Decimal
    total_credit: Decimal
    prepared_by: str | None
    reviewed_by: str | None
    posted_by: str | None
    reversal_of_id: int | None
    lines: list[VoucherLineOut]

    @staticmethod
    def resolve_number(obj):
        return obj.display_number

    @staticmethod
    def resolve_period(obj):
        return str(obj.period)

    @staticmethod
    def resolve_prepared_by(obj):
        return obj.prepared_by.get_display_name() if obj.prepared_by_id else None

    @staticmethod
    def resolve_reviewed_by(obj):
        return obj.reviewed_by.get_display_name() if obj.reviewed_by_id else None

    @staticmethod
    def resolve_posted_by(obj):
        return obj.posted_by.get_display_name() if obj.posted_by_id else None

    @staticmethod
    def resolve_lines(obj):
        return selectors.voucher_lines(obj)


class VoucherLineIn(Schema):
    summary: str
    account: str
    debit: Decimal | None = None
    credit: Decimal | None = None
    partner_id: int | None = None
    department_id: int | None = None
    employee_id: int | None = None
    project_id: int | None = None
    cashflow_item: str = ""


class VoucherIn(Schema):
    date: datetime.date
    word: str | None = None
    attachments: int = 0
    note: str = ""
    lines: list[VoucherLineIn]


class DateIn(Schema):
    date: datetime.date | None = None


class PeriodOut(Schema):
    id: int
    year: int
    month: int
    state: str


class ReopenIn(Schema):
    reason: str


class TrialRow(Schema):
    code: str
    name: str
    level: int
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal
    closing_debit: Decimal
    closing_credit: Decimal


class TrialOut(Schema):
    rows: list[TrialRow]
    totals: dict[str, Decimal]


class StatementRow(Schema):
    line: int
    name: str
    total: bool
    closing: Decimal | None = None
    opening: Decimal | None = None
    month: Decimal | None = None
    year: Decimal | None = None


class StatementOut(Schema):
    rows: list[StatementRow]
    balanced: bool | None = None


def _raw_lines(payload: VoucherIn) -> list[dict]:
    return [ln.dict() for ln in payload.lines]


def _period(value: str, field: str) -> int:
    try:
        y, m = value.split("-")
        return reports.key(int(y), int(m))
    except ValueError:
        raise ValidationFailed(fields={field: ["YYYY-MM"]}) from None


@router.get("/accounts", response=list[AccountOut])
def account_list(request, q: str = "", leaf: bool = False):
    return list(
        selectors.account_list(user=request.user, company=require_company(request), q=q, leaf_only=leaf)
    )


@router.post("/accounts", response={201: AccountOut})
def account_create(request, payload: AccountIn):
    company = require_company(request)
    require_perm(request.user, company, "accounting.add_account")
    parent = (
        selectors.account_list(user=request.user, company=company, active=None)
        .filter(code=payload.parent_code)
        .first()
    )
    if parent is None:
        raise ValidationFailed(fields={"parent_code": [f"{payload.parent_code}?"]})
    account = services.account_create(
        company=company,
        actor=request.user,
        parent=parent,
        code=payload.code,
        name=payload.name,
        name_en=payload.name_en,
        dims=payload.dims,
    )
    return Status(201, account)


@router.get("/vouchers", response=page_of(VoucherOut))
def voucher_list(
    request, period: str = "", state: str = "", word: str = "", q: str = "", page: int = 1, limit: int = 50
):
    company = require_company(request)
    p = None
    if period:
        k = _period(period, "period")
        p = (
            selectors.period_list(user=request.user, company=company)
            .filter(year=k // 100, month=k % 100)
            .first()
        )
        if p is None:
            return paginate(
                selectors.voucher_list(user=request.user, company=company).none(), page=page, limit=limit
            )
    qs = selectors.voucher_list(user=request.user, company=company, period=p, state=state, word=word, q=q)
    return paginate(qs, page=page, limit=limit)


@router.get("/vouchers/{voucher_id}", response=VoucherOut)
def voucher_get(request, voucher_id: int):
    return selectors.voucher_get_for_user(pk=voucher_id, user=request.user, company=require_company(request))


@router.post("/vouchers", response={201: VoucherOut})
def voucher_create(request, payload: VoucherIn):
    company = require_company(request)
    require_perm(request.user, company, "accounting.add_voucher")
    v = services.voucher_create(
        company=company,
        actor=request.user,
        date=payload.date,
        word=payload.word,
        attachments=payload.attachments,
        note=payload.note,
        lines=lines_from_input(user=request.user, company=company, raw=_raw_lines(payload)),
    )
    return Status(201, v)


def _get(request, voucher_id, perm):
    company = require_company(request)
    require_perm(request.user, company, perm)
    return selectors.voucher_get_for_user(pk=voucher_id, user=request.user, company=company)


@router.put("/vouchers/{voucher_id}", response=VoucherOut)
def voucher_update(request, voucher_id: int, payload: VoucherIn):
    v = _get(request, voucher_id, "accounting.change_voucher")
    return services.voucher_update(
        voucher=v,
        actor=request.user,
        date=payload.date,
        word=payload.word,
        attachments=payload.attachments,
        note=payload.note,
        lines=lines_from_input(user=request.user, company=v.company, raw=_raw_lines(payload)),
    )


@router.delete("/vouchers/{voucher_id}", response={204: None})
def voucher_delete(request, voucher_id: int):
    services.voucher_delete(
        voucher=_get(request, voucher_id, "accounting.delete_voucher"), actor=request.user
    )
    return Status(204, None)


@router.post("/vouchers/{voucher_id}/review", response=VoucherOut)
def voucher_review(request, voucher_id: int):
    return services.voucher_review(
        voucher=_get(request, voucher_id, "accounting.review_voucher"), actor=request.user
    )


@router.post("/vouchers/{voucher_id}/unreview", response=VoucherOut)
def voucher_unreview(request, voucher_id: int):
    return services.voucher_unreview(
        voucher=_get(request, voucher_id, "accounting.review_voucher"), actor=request.user
    )


@router.post("/vouchers/{voucher_id}/post", response=VoucherOut)
def voucher_post(request, voucher_id: int):
    return services.voucher_post(
        voucher=_get(request, voucher_id, "accounting.post_voucher"), actor=request.user
    )


@router.post("/vouchers/{voucher_id}/reverse", response={201: VoucherOut})
def voucher_reverse(request, voucher_id: int, payload: DateIn):
    v = _get(request, voucher_id, "accounting.add_voucher")
    return Status(201, services.voucher_reverse(voucher=v, actor=request.user, date=payload.date))


@router.post("/vouchers/{voucher_id}/copy", response={201: VoucherOut})
def voucher_copy(request, voucher_id: int, payload: DateIn):
    v = _get(request, voucher_id, "accounting.add_voucher")
    return Status(201, services.voucher_copy(voucher=v, actor=request.user, date=payload.date))


@router.get("/periods", response=list[PeriodOut])
def period_list(request):
    return list(selectors.period_list(user=request.user, company=require_company(request)))


def _period_obj(request, period_id):
    company = require_company(request)
    return company, resolve(selectors.period_list(user=request.user, company=company), period_id, "period_id")


@router.post("/periods/{period_id}/close", response=PeriodOut)
def period_close(request, period_id: int):
    company, p = _period_obj(request, period_id)
    return closing.period_close(company=company, period=p, actor=request.user)


@router.post("/periods/{period_id}/reopen", response=PeriodOut)
def period_reopen(request, period_id: int, payload: ReopenIn):
    company, p = _period_obj(request, period_id)
    return closing.period_reopen(company=company, period=p, actor=request.user, reason=payload.reason)


@router.get("/reports/trial-balance", response=TrialOut, summary="科目余额表 (reads maintained balances)")
def trial_balance(request, start: str, end: str, level: int | None = None):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    rows, totals = reports.trial_balance(
        company, start=_period(start, "start"), end=_period(end, "end"), level=level
    )
    return {
        "rows": [
            {
                "code": r.account.code,
                "name": r.account.full_name,
                "level": r.account.level,
                "opening_debit": r.opening_dc[0],
                "opening_credit": r.opening_dc[1],
                "debit": r.debit,
                "credit": r.credit,
                "closing_debit": r.closing_dc[0],
                "closing_credit": r.closing_dc[1],
            }
            for r in rows
        ],
        "totals": totals,
    }


@router.get("/reports/balance-sheet", response=StatementOut, summary="资产负债表 (会小企01表)")
def balance_sheet(request, year: int, month: int):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    return reports.balance_sheet(company, year=year, month=month)


@router.get("/reports/income-statement", response=StatementOut, summary="利润表 (会小企02表)")
def income_statement(request, year: int, month: int):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    return reports.income_statement(company, year=year, month=month)


class LedgerRow(Schema):
    date: datetime.date
    voucher_id: int
    number: str
    state: str
    summary: str
    account: str
    partner_id: int | None
    debit: Decimal
    credit: Decimal
    balance: Decimal | None = None


class LedgerOut(Schema):
    account: str
    direction: str
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal
    rows: list[LedgerRow]


def _ledger_row(x, balance=None) -> dict:
    return {
        "date": x.date,
        "voucher_id": x.voucher_id,
        "number": x.voucher.display_number,
        "state": x.voucher.state,
        "summary": x.summary,
        "account": x.account.code,
        "partner_id": x.partner_id,
        "debit": x.debit,
        "credit": x.credit,
        "balance": balance,
    }


@router.get(
    "/reports/ledger", response=LedgerOut, summary="明细账: an account's lines with the running balance"
)
def ledger(request, account: str, start: str, end: str, include_unposted: bool = False):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    acc = selectors.account_list(user=request.user, company=company, active=None).filter(code=account).first()
    if acc is None:
        raise ValidationFailed(fields={"account": [f"{account}?"]})
    book = reports.ledger(
        company,
        account=acc,
        start=_period(start, "start"),
        end=_period(end, "end"),
        include_unposted=include_unposted,
    )
    return {
        "account": acc.code,
        "direction": acc.direction,
        "opening": book["opening"],
        "debit": book["debit"],
        "credit": book["credit"],
        "closing": book["closing"],
        "rows": [_ledger_row(r["line"], r["balance"]) for r in book["rows"]],
    }


@router.get("/reports/journal", response=page_of(LedgerRow), summary="序时账: posted lines in date order")
def journal(request, start: str, end: str, page: int = 1, limit: int = 200):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    result = paginate(
        reports.journal(company, start=_period(start, "start"), end=_period(end, "end")),
        page=page,
        limit=limit,
    )
    result["items"] = [_ledger_row(x) for x in result["items"]]
    return result


class GeneralLedgerMonth(Schema):
    month: int
    debit: Decimal
    credit: Decimal
    ytd_debit: Decimal
    ytd_credit: Decimal
    balance: Decimal


class GeneralLedgerOut(Schema):
    account: str
    direction: str
    opening: Decimal
    months: list[GeneralLedgerMonth]


@router.get(
    "/reports/general-ledger", response=GeneralLedgerOut, summary="总账: an account's months of a year"
)
def general_ledger(request, account: str, year: int, end_month: int = 12):
    company = require_company(request)
    require_perm(request.user, company, "accounting.view_voucher")
    acc = selectors.account_list(user=request.user, company=company, active=None).filter(code=account).first()
    if acc is None:
        raise ValidationFailed(fields={"account": [f"{account}?"]})
    return {
        "account": acc.code,
        **reports.general_ledger(company, account=acc, year=year, end_month=end_month),
    }
