"""Bank accounts, statement import (CSV or Excel, the column names Chinese banks print), matching statement
lines to the bank account's voucher lines (suggestions scored by amount, date, partner and reference), and
银行存款余额调节表 (the bank reconciliation statement)."""

import datetime
import hashlib
from decimal import Decimal, InvalidOperation

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.scoping import has_perm
from ronghe.core.tabular import read_rows
from ronghe.core.transactions import service_transaction

from .models import ZERO, Account, AccountBalance, BankAccount, BankStatementLine, VoucherLine, cents
from .states import VoucherState

COLUMNS = {
    "date": ("日期", "交易日期", "记账日期", "date"),
    "amount": ("金额", "发生额", "amount"),
    "in": ("收入", "收入金额", "贷方发生额", "贷方金额", "credit", "in"),
    "out": ("支出", "支出金额", "借方发生额", "借方金额", "debit", "out"),
    "description": ("摘要", "用途", "附言", "description"),
    "counterparty": ("对方户名", "对方名称", "对方账户名称", "counterparty"),
    "reference": ("流水号", "交易流水号", "参考号", "凭证号", "reference"),
    "balance": ("余额", "账户余额", "balance"),
}
MATCH_DAYS = 7


def _require(actor, company, perm="accounting.change_bankaccount"):
    if actor is not None and not has_perm(actor, company, perm):
        raise PermissionDenied(_("You may not reconcile bank accounts."))


@service_transaction
def bank_account_create(
    *, company, actor, name: str, account, currency=None, bank_name: str = "", account_number: str = ""
) -> BankAccount:
    """A bank or cash account on a leaf of 1001/1002/1012."""
    _require(actor, company, "accounting.add_bankaccount")
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    elif BankAccount.objects.filter(company=company, name=name).exists():
        errors["name"] = [_("A bank account with this name exists.")]
    if isinstance(account, str):
        account = Account.objects.filter(company=company, code=account.strip()).first()
    if account is None or account.company_id != company.pk or not account.is_cash or not account.is_leaf:
        errors["account"] = [_("Choose a leaf account under 1001, 1002 or 1012.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return BankAccount.objects.create(
        company=company,
        created_by=actor,
        name=name,
        account=account,
        currency_id=getattr(currency, "code", currency) or account.currency_id or company.currency_id,
        bank_name=(bank_name or "")[:80],
        account_number=(account_number or "")[:40],
    )


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _money(value) -> Decimal | None:
    if value in (None, ""):
        return ZERO
    try:
        return Decimal(str(value).replace(",", "").replace("¥", "").strip() or "0").quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def parse_statement(filename: str, content: bytes) -> list[dict]:
    """Statement rows → dicts (date, amount signed: + into the account, description, counterparty, reference,
    balance); errors per row under rows.<n> (n = the row number in the file)."""
    rows = read_rows(filename, content)
    header_at = next(
        (i for i, r in enumerate(rows[:20]) if any(str(c or "").strip() in COLUMNS["date"] for c in r)), None
    )
    if header_at is None:
        raise ValidationFailed(fields={"file": [_("No header row with a date column (日期/交易日期/date).")]})
    header = [str(c or "").strip().lower() for c in rows[header_at]]
    cols = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(header):
            if h in names and key not in cols:
                cols[key] = i
    if "amount" not in cols and not ("in" in cols or "out" in cols):
        raise ValidationFailed(fields={"file": [_("No amount column (金额, or 收入 and 支出).")]})
    out, errors = [], {}

    def cell(row, key):
        i = cols.get(key)
        return row[i] if i is not None and i < len(row) else None

    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        date = _date(cell(row, "date"))
        if "amount" in cols:
            amount = _money(cell(row, "amount"))
        else:
            inflow, outflow = _money(cell(row, "in")), _money(cell(row, "out"))
            amount = None if inflow is None or outflow is None else inflow - outflow
        balance = (
            _money(cell(row, "balance"))
            if "balance" in cols and cell(row, "balance") not in (None, "")
            else None
        )
        if date is None:
            errors[f"rows.{n}"] = [_("Row %(n)s: the date is not a date.") % {"n": n}]
        elif amount is None or amount == 0:
            errors[f"rows.{n}"] = [_("Row %(n)s: enter an amount.") % {"n": n}]
        else:
            out.append(
                {
                    "date": date,
                    "amount": amount,
                    "description": str(cell(row, "description") or "").strip()[:200],
                    "counterparty": str(cell(row, "counterparty") or "").strip()[:150],
                    "reference": str(cell(row, "reference") or "").strip()[:80],
                    "balance": balance,
                }
            )
    if errors:
        raise ValidationFailed(_("The statement has rows that cannot be read."), fields=errors)
    return out


def _fingerprint(row: dict, seen: dict) -> str:
    base = "|".join(
        str(row[k]) for k in ("date", "amount", "reference", "description", "counterparty", "balance")
    )
    seen[base] = seen.get(base, 0) + 1  # identical rows in one file stay distinct
    return hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()


@service_transaction
def statement_import(*, bank_account, actor, filename: str, content: bytes) -> dict:
    """Import a statement file; rows already imported (same date, amount, reference, text) are skipped.
    Returns {"created", "skipped", "matched"} (matched: lines with exactly one convincing suggestion)."""
    company = bank_account.company
    _require(actor, company)
    rows = parse_statement(filename, content)
    seen: dict = {}
    new = [
        BankStatementLine(
            company=company,
            created_by=actor,
            bank_account=bank_account,
            fingerprint=_fingerprint(r, seen),
            **r,
        )
        for r in rows
    ]
    existing = set(
        BankStatementLine.objects.filter(
            bank_account=bank_account, fingerprint__in=[x.fingerprint for x in new]
        ).values_list("fingerprint", flat=True)
    )
    new = [x for x in new if x.fingerprint not in existing]
    BankStatementLine.objects.bulk_create(new)
    matched = auto_match(bank_account=bank_account, actor=actor)
    return {"created": len(new), "skipped": len(rows) - len(new), "matched": matched}


def _book_amount(line: VoucherLine, foreign: bool) -> Decimal:
    if foreign:
        value = line.amount_currency or ZERO
        return value if line.debit else -value
    return line.debit - line.credit


def _candidates(bank_account: BankAccount):
    return (
        VoucherLine.objects.filter(company=bank_account.company_id, account=bank_account.account_id)
        .filter(statement_line__isnull=True)
        .select_related("voucher", "partner")
    )


def suggestions(*, line: BankStatementLine, limit: int = 5) -> list[dict]:
    """Unmatched voucher lines of the account with the same amount within a week, scored: amount 50, date up
    to 20, partner named in the counterparty 20, reference found in the summary 10."""
    bank = line.bank_account
    foreign = bank.currency_id != bank.company.currency_id
    qs = _candidates(bank).filter(
        date__gte=line.date - datetime.timedelta(days=MATCH_DAYS),
        date__lte=line.date + datetime.timedelta(days=MATCH_DAYS),
    )
    if not foreign:
        qs = qs.filter(Q(debit=line.amount) if line.amount > 0 else Q(credit=-line.amount))
    candidates = [x for x in qs if _book_amount(x, foreign) == line.amount]
    partners: dict[int, list[str]] = {}  # voucher id -> the partner names on its lines, in one query
    for vid, name, short in VoucherLine.objects.filter(
        voucher_id__in={x.voucher_id for x in candidates}, partner__isnull=False
    ).values_list("voucher_id", "partner__name", "partner__short_name"):
        partners.setdefault(vid, []).extend(n for n in (name, short) if n)
    counterparty = (line.counterparty or "") + (line.description or "")
    out = []
    for x in candidates:
        score = 50 + max(0, 20 - 3 * abs((x.date - line.date).days))
        names = partners.get(x.voucher_id, [])
        if any(n in counterparty for n in names):
            score += 20
        if line.reference and (line.reference in x.summary or line.reference in x.voucher.note):
            score += 10
        out.append({"line": x, "score": score})
    out.sort(key=lambda r: (-r["score"], r["line"].date, r["line"].pk))
    return out[:limit]


@service_transaction
def statement_match(*, line: BankStatementLine, voucher_line: VoucherLine, actor) -> BankStatementLine:
    line = (
        BankStatementLine.objects.select_for_update().select_related("bank_account__company").get(pk=line.pk)
    )
    bank = line.bank_account
    _require(actor, bank.company)
    x = VoucherLine.objects.select_for_update().get(pk=voucher_line.pk)
    if x.account_id != bank.account_id:
        raise ValidationFailed(
            fields={"voucher_line": [_("That line is not on the bank account's GL account.")]}
        )
    if _book_amount(x, bank.currency_id != bank.company.currency_id) != line.amount:
        raise ValidationFailed(fields={"voucher_line": [_("The amounts differ.")]})
    if line.matched_line_id or BankStatementLine.objects.filter(matched_line=x).exists():
        raise InvalidTransition(_("One of the two lines is already matched."))
    line.matched_line = x
    line.save(update_fields=["matched_line", "updated_at"])
    return line


@service_transaction
def statement_unmatch(*, line: BankStatementLine, actor) -> BankStatementLine:
    line = (
        BankStatementLine.objects.select_for_update().select_related("bank_account__company").get(pk=line.pk)
    )
    _require(actor, line.bank_account.company)
    line.matched_line = None
    line.save(update_fields=["matched_line", "updated_at"])
    return line


@service_transaction
def auto_match(*, bank_account, actor) -> int:
    """Match every unmatched statement line whose best suggestion is convincing (score ≥ 70) and unique."""
    _require(actor, bank_account.company)
    n, taken = 0, set()
    for line in BankStatementLine.objects.filter(
        bank_account=bank_account, matched_line__isnull=True
    ).order_by("date", "pk"):
        best = [s for s in suggestions(line=line, limit=2) if s["line"].pk not in taken]
        if best and best[0]["score"] >= 70 and (len(best) == 1 or best[1]["score"] < best[0]["score"]):
            line.matched_line = best[0]["line"]
            line.save(update_fields=["matched_line", "updated_at"])
            taken.add(best[0]["line"].pk)
            n += 1
    return n


def book_balance(bank_account: BankAccount, on: datetime.date) -> Decimal:
    """The GL balance of the bank account's account on `on` (posted; opening balances included), in the
    account's currency (foreign: the sum of the foreign amounts)."""
    if bank_account.currency_id != bank_account.company.currency_id:
        lines = VoucherLine.objects.filter(
            account=bank_account.account_id, voucher__state=VoucherState.POSTED, date__lte=on
        )
        return sum((_book_amount(x, True) for x in lines), ZERO)
    month = on.year * 100 + on.month
    before = AccountBalance.objects.filter(account=bank_account.account_id, period__lt=month).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    this_month = VoucherLine.objects.filter(
        account=bank_account.account_id, voucher__state=VoucherState.POSTED, period=month, date__lte=on
    ).aggregate(d=Sum("debit"), c=Sum("credit"))
    return cents(before["d"]) - cents(before["c"]) + cents(this_month["d"]) - cents(this_month["c"])


def reconciliation(*, bank_account: BankAccount, on: datetime.date) -> dict:
    """银行存款余额调节表 on a date: the book balance and the statement balance, each adjusted by what the other
    side has not recorded yet; `balanced` when both adjusted balances agree. Book lines before the account's
    reconciliation start (启用日期) count as cleared; the statement starts there with its opening balance."""
    foreign = bank_account.currency_id != bank_account.company.currency_id
    start = bank_account.reconcile_from or datetime.date.min
    book = book_balance(bank_account, on)
    posted = list(
        VoucherLine.objects.filter(
            account=bank_account.account_id, voucher__state=VoucherState.POSTED, date__gte=start, date__lte=on
        ).select_related("voucher__period")
    )
    statement = BankStatementLine.objects.filter(bank_account=bank_account, date__gte=start, date__lte=on)
    last = statement.exclude(balance=None).order_by("-date", "-pk").first()
    if last is not None:  # the bank's own running balance, plus any lines after it
        later = statement.filter(Q(date__gt=last.date) | Q(date=last.date, pk__gt=last.pk))
        bank = last.balance + cents(later.aggregate(s=Sum("amount"))["s"])
    else:
        bank = bank_account.statement_opening + cents(statement.aggregate(s=Sum("amount"))["s"])
    cleared = set(statement.exclude(matched_line=None).values_list("matched_line_id", flat=True))
    book_only = [x for x in posted if x.pk not in cleared]
    booked = {x.pk for x in posted}
    bank_only = [x for x in statement.order_by("date", "pk") if x.matched_line_id not in booked]
    adjusted_book = book + sum((x.amount for x in bank_only), ZERO)
    adjusted_bank = bank + sum((_book_amount(x, foreign) for x in book_only), ZERO)
    return {
        "bank_account": bank_account,
        "on": on,
        "start": bank_account.reconcile_from,
        "book": book,
        "bank": bank,
        "bank_in": [x for x in bank_only if x.amount > 0],  # 银行已收，企业未收
        "bank_out": [x for x in bank_only if x.amount < 0],  # 银行已付，企业未付
        "book_in": [x for x in book_only if _book_amount(x, foreign) > 0],  # 企业已收，银行未收
        "book_out": [x for x in book_only if _book_amount(x, foreign) < 0],  # 企业已付，银行未付
        "adjusted_book": adjusted_book,
        "adjusted_bank": adjusted_bank,
        "balanced": adjusted_book == adjusted_bank,
    }


@service_transaction
def reconciliation_start(*, bank_account, actor, date: datetime.date, statement_opening) -> BankAccount:
    """Set the day reconciliation starts and the bank's balance the day before (启用期初)."""
    acct = BankAccount.objects.select_for_update().select_related("company").get(pk=bank_account.pk)
    _require(actor, acct.company)
    errors = {}
    if not isinstance(date, datetime.date):
        errors["reconcile_from"] = [_("Enter a valid date.")]
    value = _money(statement_opening)
    if value is None:
        errors["statement_opening"] = [_("Enter a number.")]
    if errors:
        raise ValidationFailed(fields=errors)
    acct.reconcile_from, acct.statement_opening = date, value
    acct.save(update_fields=["reconcile_from", "statement_opening", "updated_at"])
    return acct
