"""Ledger services: chart of accounts, periods, vouchers (prepare → review → post, red reversal, copy,
templates), balances maintained on posting. Every function is one transaction; nothing is written when
one raises. Closing and statements are in `closing.py` and `reports.py`; stock vouchers in `handlers.py`.
"""

import csv
import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.db import connection
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_log, audit_transition
from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.models import AuditAction
from ronghe.core.scoping import has_perm, is_company_admin
from ronghe.core.transactions import service_transaction

from .errors import PeriodClosedError, UnbalancedError
from .models import (
    ZERO,
    Account,
    AccountBalance,
    AccountCategory,
    AccountingSettings,
    Direction,
    Period,
    Voucher,
    VoucherLine,
    VoucherTemplate,
)
from .states import TRANSITIONS, VoucherState

CENT = Decimal("0.01")
DIMS = ("partner", "department", "employee", "project")
WORDS = {AccountingSettings.Words.SINGLE: ("记",), AccountingSettings.Words.SPLIT: ("收", "付", "转")}

# sub-accounts every small company needs (VAT and profit distribution), seeded with the chart
SEED_SUBACCOUNTS = [
    ("222101", "2221", "应交增值税", "VAT payable"),
    ("22210101", "222101", "进项税额", "Input VAT"),
    ("22210102", "222101", "销项税额", "Output VAT"),
    ("22210103", "222101", "进项税额转出", "Input VAT transferred out"),
    ("22210104", "222101", "转出未交增值税", "VAT transferred to unpaid"),
    ("222102", "2221", "未交增值税", "Unpaid VAT"),
    ("222103", "2221", "应交城市维护建设税", "Urban construction tax payable"),
    ("222104", "2221", "应交教育费附加", "Education surcharge payable"),
    ("222105", "2221", "应交地方教育附加", "Local education surcharge payable"),
    ("222106", "2221", "应交企业所得税", "Corporate income tax payable"),
    ("222107", "2221", "应交个人所得税", "Individual income tax withheld"),
    ("310401", "3104", "提取法定盈余公积", "Statutory surplus reserve"),
    ("310402", "3104", "应付利润", "Profit payable to owners"),
    ("310403", "3104", "未分配利润", "Undistributed profit"),
]
PARTNER_ACCOUNTS = ("1122", "1123", "2202", "2203")


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def settings_for(company) -> AccountingSettings:
    s = getattr(company, "_accounting_settings", None)
    if s is None:
        s, _created = AccountingSettings.objects.get_or_create(company=company)
        company._accounting_settings = s
    return s


# --- chart of accounts -----------------------------------------------------------------------------------


@service_transaction
def coa_install(*, company, actor=None) -> int:
    """Seed the 小企业会计准则 chart (and the usual VAT / profit-distribution sub-accounts). Idempotent.
    Returns how many accounts were created."""
    settings_for(company)
    have = set(Account.objects.filter(company=company).values_list("code", flat=True))
    created = 0
    path = Path(__file__).parent / "data" / "coa_small_enterprise.csv"
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code"] in have:
                continue
            Account.objects.create(
                company=company,
                created_by=actor,
                code=row["code"],
                name=row["name_zh"],
                name_en=row["name_en"],
                category=row["category"],
                direction=row["normal_balance"],
                dim_partner=row["code"] in PARTNER_ACCOUNTS,
            )
            created += 1
    for code, parent_code, name, name_en in SEED_SUBACCOUNTS:
        if code not in have:
            parent = Account.objects.get(company=company, code=parent_code)
            account_create(company=company, actor=actor, parent=parent, code=code, name=name, name_en=name_en)
            created += 1
    return created


@service_transaction
def account_create(
    *,
    company,
    actor,
    parent=None,
    code: str,
    name: str,
    name_en: str = "",
    dims=(),
    category=None,
    direction=None,
) -> Account:
    """A new account; a sub-account takes its parent's category and direction. If the parent already has
    entries they move to its first sub-account (the parent becomes a summary account)."""
    code, name = (code or "").strip(), (name or "").strip()
    errors = {}
    if not code or not code.replace(".", "").isdigit():
        errors["code"] = [_("An account code is made of digits (and dots), e.g. 1122.01 or 112201.")]
    if not name:
        errors["name"] = [_("This field is required.")]
    if parent is not None:
        if parent.company_id != company.pk:
            errors["parent"] = [_("Choose a record of this company.")]
        elif not code.startswith(parent.code) or code == parent.code:
            errors["code"] = [
                _("A sub-account's code starts with its parent's code %(code)s.") % {"code": parent.code}
            ]
    elif category not in AccountCategory.values:
        errors["category"] = [_("Choose a valid category.")]
    if code and Account.objects.filter(company=company, code=code).exists():
        errors["code"] = [_("Account %(code)s already exists.") % {"code": code}]
    if errors:
        raise ValidationFailed(fields=errors)
    if parent is not None:
        parent = Account.objects.select_for_update().get(pk=parent.pk)
    account = Account.objects.create(
        company=company,
        created_by=actor,
        parent=parent,
        code=code,
        name=name,
        name_en=name_en,
        level=parent.level + 1 if parent else 1,
        category=parent.category if parent else category,
        direction=parent.direction if parent else (direction or Direction.DEBIT),
        currency=None,
        **{f"dim_{d}": (d in dims) or bool(parent and getattr(parent, f"dim_{d}")) for d in DIMS},
    )
    if parent is not None and parent.is_leaf:
        VoucherLine.objects.filter(account=parent).update(account=account)
        AccountBalance.objects.filter(account=parent).update(account=account)
        VoucherTemplate.objects.filter(company=company)  # templates keep codes: resolved when used
        parent.is_leaf = False
        parent.save(update_fields=["is_leaf", "updated_at"])
    return account


def leaves_for(company, codes) -> dict[str, Account]:
    """code → the account, or its first leaf when it has sub-accounts, for several codes in one query
    (automatic vouchers post to the accounts named in the settings)."""
    found = {a.code: a for a in Account.objects.filter(company=company, code__in=set(codes))}
    out = {}
    for code in codes:
        account = found.get(code)
        if account is None:
            raise ValidationFailed(
                fields={"account": [_("Account %(code)s does not exist.") % {"code": code}]}
            )
        while not account.is_leaf:
            account = account.children.order_by("code").first()
        out[code] = account
    return out


def leaf_for(company, code: str) -> Account:
    return leaves_for(company, [code])[code]


# --- periods ---------------------------------------------------------------------------------------------


def period_for(company, date: datetime.date, *, lock: bool = False) -> Period:
    """The period of `date` (created on first use). Raises PeriodClosedError when it is closed."""
    qs = Period.objects.filter(company=company, year=date.year, month=date.month)
    period = (qs.select_for_update(no_key=True) if lock else qs).first()
    if period is None:
        Period.objects.bulk_create(
            [Period(company=company, year=date.year, month=date.month)], ignore_conflicts=True
        )
        period = (qs.select_for_update(no_key=True) if lock else qs).get()
    if not period.is_open:
        raise PeriodClosedError(
            _("Period %(period)s is closed: nothing can be entered or posted in it.") % {"period": period}
        )
    return period


# --- vouchers --------------------------------------------------------------------------------------------


def _amount(value, field: str, errors: dict) -> Decimal:
    if value in (None, ""):
        return ZERO
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        errors[field] = [_("Enter a number.")]
        return ZERO
    if amount != amount.quantize(CENT):
        errors[field] = [_("Amounts have at most two decimal places.")]
    return amount


def _clean_lines(company, lines: list[dict], *, red: bool) -> list[VoucherLine]:
    """Turn line dicts into unsaved VoucherLines; errors under lines.<i>.<field>. Checks accounts (leaf,
    active, this company), required dimensions, one side per line, and debit = credit."""
    errors: dict = {}
    if len(lines) < 2:
        errors["lines"] = [_("A voucher has at least two lines.")]
    codes = {x["account"].strip() for x in lines if isinstance(x.get("account"), str)}
    ids = {x["account"] for x in lines if isinstance(x.get("account"), int)}
    found = Account.objects.filter(company=company).filter(Q(code__in=codes) | Q(pk__in=ids))
    by_code = {a.code: a for a in found}
    by_id = {a.pk: a for a in by_code.values()}
    out = []
    for i, data in enumerate(lines):
        p = f"lines.{i}."
        account = data.get("account")
        if isinstance(account, str):
            account = by_code.get(account.strip())
        elif isinstance(account, int):
            account = by_id.get(account)
        summary = (data.get("summary") or "").strip()
        if not summary:
            errors[p + "summary"] = [_("Write a summary (摘要) for every line.")]
        if account is None:
            errors[p + "account"] = [_("Choose an account.")]
        elif account.company_id != company.pk:
            errors[p + "account"] = [_("Choose a record of this company.")]
        elif not account.is_leaf:
            errors[p + "account"] = [
                _("%(account)s has sub-accounts: post to one of them.") % {"account": account}
            ]
        elif not account.active:
            errors[p + "account"] = [_("%(account)s is inactive.") % {"account": account}]
        debit = _amount(data.get("debit"), p + "debit", errors)
        credit = _amount(data.get("credit"), p + "credit", errors)
        if debit and credit:
            errors[p + "debit"] = [_("A line has a debit or a credit, not both.")]
        elif not debit and not credit:
            errors[p + "debit"] = [_("Enter a debit or a credit amount.")]
        elif (debit < 0 or credit < 0) and not red:
            errors[p + "debit" if debit else p + "credit"] = [
                _("Negative amounts are only allowed on red vouchers.")
            ]
        line = VoucherLine(
            company=company,
            seq=i + 1,
            summary=summary[:200],
            account=account,
            debit=debit,
            credit=credit,
            cashflow_item=(data.get("cashflow_item") or "")[:4],
        )
        for d in DIMS:
            value = data.get(d)
            if value is not None and hasattr(value, "pk"):
                if getattr(value, "company_id", company.pk) != company.pk:
                    errors[p + d] = [_("Choose a record of this company.")]
                setattr(line, d, value)
            elif value:
                setattr(line, f"{d}_id", int(value))
        if account is not None and account.company_id == company.pk:
            for d in account.required_dims:
                if not getattr(line, f"{d}_id"):
                    errors[p + d] = [
                        _("%(account)s is kept by %(dim)s: choose one.")
                        % {"account": account, "dim": VoucherLine._meta.get_field(d).verbose_name}
                    ]
        if data.get("currency"):
            line.currency_id = getattr(data["currency"], "code", data["currency"])
            line.amount_currency = _amount(data.get("amount_currency"), p + "amount_currency", errors)
            try:
                line.rate = Decimal(str(data.get("rate")))
            except (InvalidOperation, TypeError):
                errors[p + "rate"] = [_("Enter the exchange rate.")]
        out.append(line)
    if errors:
        raise ValidationFailed(fields=errors)
    total_debit = sum((x.debit for x in out), ZERO)
    total_credit = sum((x.credit for x in out), ZERO)
    if total_debit != total_credit:
        raise UnbalancedError(
            _("Debits (%(debit)s) and credits (%(credit)s) are not equal: the difference is %(diff)s.")
            % {"debit": total_debit, "credit": total_credit, "diff": total_debit - total_credit},
            fields={"lines": [_("Debits and credits are not equal.")]},
        )
    return out


def _check_word(company, word: str, lines: list[VoucherLine]) -> None:
    words = WORDS[settings_for(company).words]
    if word not in words:
        raise ValidationFailed(
            fields={"word": [_("Choose one of the voucher words %(words)s.") % {"words": "/".join(words)}]}
        )
    if word == "记":
        return
    cash_debit = any(x.account.is_cash and x.debit for x in lines)
    cash_credit = any(x.account.is_cash and x.credit for x in lines)
    if word == "收" and not cash_debit:
        msg = _("A receipt voucher (收) debits cash or bank.")
    elif word == "付" and not cash_credit:
        msg = _("A payment voucher (付) credits cash or bank.")
    elif word == "转" and (cash_debit or cash_credit):
        msg = _("A transfer voucher (转) has no cash or bank line; use 收 or 付.")
    else:
        return
    raise ValidationFailed(fields={"word": [msg]})


def _next_number(period: Period, word: str) -> int:
    """Under the period's row lock: the next number of the word (gap-free, numbers of deleted drafts are
    closed up, see voucher_delete)."""
    last = Voucher.objects.filter(period=period, word=word).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _write_lines(v: Voucher, lines: list[VoucherLine]) -> None:
    for x in lines:
        x.voucher, x.period, x.date = v, v.period.key, v.date
    VoucherLine.objects.bulk_create(lines)
    v.total_debit = sum((x.debit for x in lines), ZERO)
    v.total_credit = sum((x.credit for x in lines), ZERO)


def _lines_snapshot(lines) -> list:
    return [[x.summary, x.account.code, str(x.debit), str(x.credit), x.dim_key] for x in lines]


@service_transaction
def voucher_create(
    *,
    company,
    actor,
    date: datetime.date,
    lines: list[dict],
    word: str | None = None,
    attachments: int = 0,
    note: str = "",
    kind: str = Voucher.Kind.NORMAL,
    red: bool = False,
    source: str = "",
    reversal_of=None,
) -> Voucher:
    """A draft voucher numbered in its period. `lines`: [{"summary", "account" (Account or code), "debit" or
    "credit", "partner"/"department"/"employee"/"project"?, "currency", "amount_currency", "rate"?,
    "cashflow_item"?}]. `actor` None = prepared by the system (automatic vouchers)."""
    return voucher_create_in_transaction(
        company=company,
        actor=actor,
        date=date,
        lines=lines,
        word=word,
        attachments=attachments,
        note=note,
        kind=kind,
        red=red,
        source=source,
        reversal_of=reversal_of,
    )


def voucher_create_in_transaction(
    *,
    company,
    actor,
    date: datetime.date,
    lines: list[dict],
    word: str | None = None,
    attachments: int = 0,
    note: str = "",
    kind: str = Voucher.Kind.NORMAL,
    red: bool = False,
    source: str = "",
    reversal_of=None,
    source_is_unique: bool = False,
) -> Voucher:
    """voucher_create for callers already inside the transaction that must stand or fall with the voucher
    (event handlers): no savepoint of its own. `source_is_unique`: the caller's source cannot repeat (e.g. one
    stock move), so the lookup is left to the database's unique constraint."""
    if not isinstance(date, datetime.date):
        raise ValidationFailed(fields={"date": [_("Enter a valid date.")]})
    word = word or WORDS[settings_for(company).words][0]
    if attachments is None or int(attachments) < 0:
        raise ValidationFailed(fields={"attachments": [_("This value must not be negative.")]})
    clean = _clean_lines(company, lines, red=red or kind == Voucher.Kind.REVERSAL)
    _check_word(company, word, clean)
    if source and not source_is_unique and Voucher.objects.filter(company=company, source=source).exists():
        raise ValidationFailed(fields={"source": [_("%(source)s is already booked.") % {"source": source}]})
    period = period_for(company, date, lock=True)
    v = Voucher(
        company=company,
        created_by=actor,
        prepared_by=actor,
        period=period,
        word=word,
        number=_next_number(period, word),
        date=date,
        attachments=int(attachments),
        note=(note or "")[:200],
        kind=kind,
        red=red or kind == Voucher.Kind.REVERSAL,
        source=source,
        reversal_of=reversal_of,
    )
    v.total_debit = v.total_credit = sum((x.debit for x in clean), ZERO)
    v.save()
    _write_lines(v, clean)
    v.written_lines = clean  # the caller needs no second read of them
    return v


def _lock(voucher) -> Voucher:
    return (
        Voucher.objects.select_for_update(of=("self",), no_key=True)
        .select_related("period", "company")
        .get(pk=voucher.pk)
    )


DOCUMENT_KINDS = (Voucher.Kind.INVOICE, Voucher.Kind.PAYMENT, Voucher.Kind.FX)


def _guard(v: Voucher, action: str) -> None:
    if action in ("edit", "delete") and v.kind in DOCUMENT_KINDS:
        raise InvalidTransition(
            _("Voucher %(number)s is generated by %(source)s: change that document (or credit it) instead.")
            % {"number": v, "source": v.note or v.source}
        )
    allowed, _target = TRANSITIONS[action]
    if v.state not in allowed:
        raise InvalidTransition(
            _("Voucher %(number)s is %(state)s.") % {"number": v, "state": v.get_state_display()}
        )


def _close_gap(period: Period, word: str, number: int) -> None:
    """Numbers after `number` move up by one (整理凭证号); refused when a reviewed or posted one follows."""
    later = Voucher.objects.filter(period=period, word=word, number__gt=number)
    if later.exclude(state=VoucherState.DRAFT).exists():
        raise InvalidTransition(
            _(
                "Later vouchers of %(period)s are already reviewed or posted, so the numbers cannot close up: "
                "edit this voucher instead of deleting it."
            )
            % {"period": period}
        )
    for v in later.order_by("number"):  # one by one, ascending: the unique key never collides
        Voucher.objects.filter(pk=v.pk).update(number=F("number") - 1)


@service_transaction
def voucher_update(
    *, voucher, actor, date=None, lines=None, word=None, attachments=None, note=None
) -> Voucher:
    """Change a draft. A new date in another period gives it that period's next number (the old period's
    later drafts close up)."""
    v = _lock(voucher)
    _guard(v, "edit")
    if not v.period.is_open:
        raise PeriodClosedError()
    before = _lines_snapshot(v.lines.select_related("account"))
    clean = (
        _clean_lines(v.company, lines, red=v.red)
        if lines is not None
        else list(v.lines.select_related("account"))
    )
    word = word or v.word
    _check_word(v.company, word, clean)
    date = date or v.date
    if not isinstance(date, datetime.date):
        raise ValidationFailed(fields={"date": [_("Enter a valid date.")]})
    if (date.year, date.month) != (v.period.year, v.period.month) or word != v.word:
        period = period_for(v.company, date, lock=True)
        Period.objects.select_for_update(no_key=True).get(pk=v.period_id)
        old_period, old_word, old_number = v.period, v.word, v.number
        v.number = 0  # free the old number before the later ones move up
        Voucher.objects.filter(pk=v.pk).update(number=0)
        _close_gap(old_period, old_word, old_number)
        v.period, v.word = period, word
        v.number = _next_number(period, word)
    v.date = date
    if attachments is not None:
        if int(attachments) < 0:
            raise ValidationFailed(fields={"attachments": [_("This value must not be negative.")]})
        v.attachments = int(attachments)
    if note is not None:
        v.note = note[:200]
    if lines is not None:
        v.lines.all().delete()
        _write_lines(v, clean)
    else:
        v.lines.update(period=v.period.key, date=v.date)
    v.save()
    if lines is not None:
        audit_log(action=AuditAction.UPDATE, obj=v, changes={"lines": [before, _lines_snapshot(clean)]})
    return v


@service_transaction
def voucher_delete(*, voucher, actor) -> None:
    v = _lock(voucher)
    _guard(v, "delete")
    if not v.period.is_open:
        raise PeriodClosedError()
    Period.objects.select_for_update(no_key=True).get(pk=v.period_id)
    period, word, number = v.period, v.word, v.number
    audit_log(
        action=AuditAction.DELETE,
        obj=v,
        changes={"lines": [_lines_snapshot(v.lines.select_related("account")), None]},
    )
    v.lines.all().delete()
    v.delete()
    _close_gap(period, word, number)


@service_transaction
def voucher_review(*, voucher, actor) -> Voucher:
    """审核: by someone other than the preparer (company setting, on by default)."""
    v = _lock(voucher)
    _guard(v, "review")
    if not has_perm(actor, v.company, "accounting.review_voucher"):
        raise PermissionDenied(_("You may not review vouchers."))
    if settings_for(v.company).reviewer_must_differ and v.prepared_by_id == actor.pk:
        raise ValidationFailed(
            _("The preparer of a voucher cannot review it: ask another accountant."),
            fields={"reviewed_by": [_("The reviewer must not be the preparer.")]},
        )
    if not v.period.is_open:
        raise PeriodClosedError()
    audit_transition(v, action="review", from_state=v.state, to_state=VoucherState.REVIEWED)
    v.state, v.reviewed_by, v.reviewed_at = VoucherState.REVIEWED, actor, timezone.now()
    v.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return v


@service_transaction
def voucher_unreview(*, voucher, actor) -> Voucher:
    """取消审核: the reviewer (or a company administrator) returns a reviewed voucher to draft."""
    v = _lock(voucher)
    _guard(v, "unreview")
    if v.reviewed_by_id != actor.pk and not is_company_admin(actor, v.company):
        raise PermissionDenied(_("Only the reviewer can cancel the review."))
    audit_transition(v, action="unreview", from_state=v.state, to_state=VoucherState.DRAFT)
    v.state, v.reviewed_by, v.reviewed_at = VoucherState.DRAFT, None, None
    v.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return v


def _sum_by_account(lines) -> dict:
    """(account id, dimension key) → [debit, credit, a line carrying the dimensions]."""
    sums: dict = defaultdict(lambda: [ZERO, ZERO, None])
    for x in lines:
        s = sums[(x.account_id, x.dim_key)]
        s[0] += x.debit
        s[1] += x.credit
        s[2] = x
    return sums


def _apply_balances(v: Voucher, lines) -> None:
    """Add the lines to the maintained balances (account × period × dimensions): one upsert statement
    (INSERT … ON CONFLICT DO UPDATE adds to the row; SQLite ≥ 3.24 and PostgreSQL)."""
    sums = _sum_by_account(lines)
    table = AccountBalance._meta.db_table
    rows, params = [], []
    for (account_id, key), (debit, credit, x) in sorted(sums.items()):
        rows.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        params += [
            v.company_id,
            x.period,
            account_id,
            key,
            x.partner_id,
            x.department_id,
            x.employee_id,
            x.project_id,
            debit,
            credit,
        ]
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (company_id, period, account_id, dim_key, partner_id, department_id, "
            f"employee_id, project_id, debit, credit) VALUES {', '.join(rows)} "
            "ON CONFLICT (company_id, period, account_id, dim_key) DO UPDATE SET "
            f"debit = {table}.debit + excluded.debit, credit = {table}.credit + excluded.credit",
            params,
        )


@service_transaction
def voucher_post(*, voucher, actor) -> Voucher:
    """记账: a reviewed voucher enters the ledger; it is never changed again."""
    v = _lock(voucher)
    _guard(v, "post")
    if not has_perm(actor, v.company, "accounting.post_voucher"):
        raise PermissionDenied(_("You may not post vouchers."))
    _post(v, actor)
    return v


def _post(v: Voucher, actor) -> None:
    period = Period.objects.select_for_update(no_key=True).get(pk=v.period_id)  # serializes with closing
    if not period.is_open:
        raise PeriodClosedError()
    lines = list(v.lines.all())
    debit = sum((x.debit for x in lines), ZERO)
    if debit != sum((x.credit for x in lines), ZERO) or debit != v.total_debit:
        raise UnbalancedError()
    _apply_balances(v, lines)
    audit_transition(v, action="post", from_state=v.state, to_state=VoucherState.POSTED)
    v.state, v.posted_by, v.posted_at = VoucherState.POSTED, actor, timezone.now()
    v.save(update_fields=["state", "posted_by", "posted_at", "updated_at"])


@service_transaction
def voucher_post_many(*, company, actor, vouchers) -> int:
    """Post every reviewed voucher of `vouchers` (批量记账), in number order. Returns how many."""
    if not has_perm(actor, company, "accounting.post_voucher"):
        raise PermissionDenied(_("You may not post vouchers."))
    n = 0
    for v in (
        Voucher.objects.select_for_update()
        .select_related("period")
        .filter(company=company, pk__in=[getattr(x, "pk", x) for x in vouchers], state=VoucherState.REVIEWED)
        .order_by("period__year", "period__month", "word", "number")
    ):
        _post(v, actor)
        n += 1
    return n


@service_transaction
def voucher_reverse(*, voucher, actor, date: datetime.date | None = None) -> Voucher:
    """红字冲销: a red copy of a posted voucher (negative amounts on the same sides), dated `date` (today)
    in an open period; the original stays as it is. The red voucher is a draft to review and post."""
    v = _lock(voucher)
    _guard(v, "reverse")
    if Voucher.objects.filter(reversal_of=v).exists():
        raise InvalidTransition(_("Voucher %(number)s is already reversed.") % {"number": v})
    label = _("Reverses %(date)s voucher %(number)s") % {"date": v.date.isoformat(), "number": v}
    lines = [
        {
            "summary": f"{label} {x.summary}"[:200],
            "account": x.account,
            "debit": -x.debit if x.debit else None,
            "credit": -x.credit if x.credit else None,
            **{d: getattr(x, f"{d}_id") for d in DIMS},
            "cashflow_item": x.cashflow_item,
            **(
                {"currency": x.currency_id, "amount_currency": -x.amount_currency, "rate": x.rate}
                if x.currency_id
                else {}
            ),
        }
        for x in v.lines.select_related("account")
    ]
    red = voucher_create(
        company=v.company,
        actor=actor,
        date=date or timezone.localdate(),
        lines=lines,
        word=v.word,
        attachments=0,
        note=label,
        kind=Voucher.Kind.REVERSAL,
        red=True,
        reversal_of=v,
    )
    return red


@service_transaction
def voucher_copy(*, voucher, actor, date: datetime.date | None = None) -> Voucher:
    """A new draft with the same lines (dated `date`, today by default)."""
    lines = [
        {
            "summary": x.summary,
            "account": x.account,
            "debit": x.debit or None,
            "credit": x.credit or None,
            **{d: getattr(x, f"{d}_id") for d in DIMS},
            "cashflow_item": x.cashflow_item,
        }
        for x in voucher.lines.select_related("account")
    ]
    return voucher_create(
        company=voucher.company,
        actor=actor,
        date=date or timezone.localdate(),
        lines=lines,
        word=voucher.word,
        attachments=voucher.attachments,
        red=voucher.red,
    )


@service_transaction
def template_save(*, company, actor, name: str, word: str, lines: list[dict]) -> VoucherTemplate:
    """Save a frequent entry: lines [{"summary", "account" (code), "side": "debit"|"credit", "amount"?}]."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("This field is required.")]
    clean = []
    for i, x in enumerate(lines):
        code = str(getattr(x.get("account"), "code", x.get("account") or ""))
        if not Account.objects.filter(company=company, code=code).exists():
            errors[f"lines.{i}.account"] = [_("Choose an account.")]
        if x.get("side") not in ("debit", "credit"):
            errors[f"lines.{i}.side"] = [_("Choose debit or credit.")]
        clean.append(
            {
                "summary": x.get("summary", ""),
                "account": code,
                "side": x.get("side"),
                "amount": str(x.get("amount") or ""),
            }
        )
    if errors:
        raise ValidationFailed(fields=errors)
    t, _created = VoucherTemplate.objects.update_or_create(
        company=company, name=name, defaults={"word": word, "lines": clean, "created_by": actor}
    )
    return t


def template_lines(template: VoucherTemplate) -> list[dict]:
    """The template's lines in voucher_create's form (amounts left empty when the template has none)."""
    return [
        {
            "summary": x["summary"],
            "account": x["account"],
            "debit": x["amount"] if x["side"] == "debit" else None,
            "credit": x["amount"] if x["side"] == "credit" else None,
        }
        for x in template.lines
    ]


@service_transaction
def opening_balances_set(*, company, actor, year: int, balances: list[dict]) -> int:
    """期初余额 of the year a company starts keeping its books here: [{"account" (code), "debit" or "credit",
    dimensions?}]. Stored as month 0 of `year`, replacing earlier ones; debits must equal credits and no
    period of the year may be closed or have posted vouchers."""
    if Period.objects.filter(company=company, year=year, state="closed").exists():
        raise PeriodClosedError(
            _("A period of %(year)s is closed: opening balances can no longer change.") % {"year": year}
        )
    if Voucher.objects.filter(company=company, period__year=year, state=VoucherState.POSTED).exists():
        raise InvalidTransition(
            _("Vouchers of %(year)s are posted: enter corrections as vouchers.") % {"year": year}
        )
    lines = (
        _clean_lines(
            company,
            [{"summary": "期初余额", **b} for b in balances],
            red=True,
        )
        if balances
        else []
    )
    AccountBalance.objects.filter(company=company, period=year * 100).delete()
    for x in lines:
        x.period = year * 100
    sums = _sum_by_account(lines)
    AccountBalance.objects.bulk_create(
        AccountBalance(
            company=company,
            period=year * 100,
            account_id=a,
            dim_key=k,
            partner_id=x.partner_id,
            department_id=x.department_id,
            employee_id=x.employee_id,
            project_id=x.project_id,
            debit=d,
            credit=c,
        )
        for (a, k), (d, c, x) in sums.items()
    )
    audit_log(
        action=AuditAction.UPDATE,
        model="accounting.openingbalance",
        object_id=str(year),
        object_repr=f"{company} {year}",
        company_id=company.pk,
        changes={"balances": [None, _lines_snapshot(lines)]},
    )
    return len(sums)
