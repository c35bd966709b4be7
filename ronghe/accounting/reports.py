"""Reports read the maintained balances (a few hundred rows) instead of the journal lines: 科目余额表,
资产负债表 (会小企01表) and 利润表 (会小企02表); 明细账 and 序时账 read lines of one account or period."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from .models import ZERO, Account, AccountBalance, Direction, Voucher, VoucherLine, cents
from .states import VoucherState


def key(year: int, month: int) -> int:
    return year * 100 + month


@dataclass
class TBRow:
    account: Account
    opening: Decimal = ZERO  # debit positive
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    children: list = field(default_factory=list)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debit - self.credit

    @staticmethod
    def split(amount: Decimal) -> tuple[Decimal, Decimal]:
        return (amount, ZERO) if amount >= 0 else (ZERO, -amount)

    @property
    def opening_dc(self):
        return self.split(self.opening)

    @property
    def closing_dc(self):
        return self.split(self.closing)


def accounts_by_id(company) -> dict[int, Account]:
    accounts = {a.pk: a for a in Account.objects.filter(company=company).order_by("code")}
    for a in accounts.values():  # full names without a query per account: 应交税费—应交增值税—进项税额
        names, p = [a.name], a
        while p.parent_id:
            p = accounts[p.parent_id]
            names.append(p.name)
        a._full_name = "—".join(reversed(names))
    return accounts


def _top_codes(accounts: dict[int, Account]) -> dict[int, str]:
    """Account id → the code of its first-level account (statements map first-level codes)."""
    top = {}
    for pk, a in accounts.items():
        p = a
        while p.parent_id:
            p = accounts[p.parent_id]
        top[pk] = p.code
    return top


def _sum_lines(formula: str, values: dict) -> Decimal:
    """A total line such as "=1+2-3" from the lines computed before it."""
    total, sign = ZERO, 1
    for tok in formula[1:].replace("-", " - ").replace("+", " + ").split():
        if tok in "+-":
            sign = 1 if tok == "+" else -1
        else:
            total += sign * values[int(tok)]
    return total


def trial_balance(company, *, start: int, end: int, level: int | None = None, dims: bool = False):
    """科目余额表 from period key `start` to `end` (inclusive): opening, turnover and closing per account,
    rolled up to parents; only accounts with figures. Returns (rows, totals)."""
    accounts = accounts_by_id(company)
    rows = {pk: TBRow(a) for pk, a in accounts.items()}
    q = AccountBalance.objects.filter(company=company, period__lte=end)
    opening = q.filter(period__lt=start).values("account").annotate(d=Sum("debit"), c=Sum("credit"))
    turnover = q.filter(period__gte=start).values("account").annotate(d=Sum("debit"), c=Sum("credit"))
    for r in opening:
        for pk in _chain(accounts, r["account"]):
            rows[pk].opening += cents(r["d"]) - cents(r["c"])
    for r in turnover:
        for pk in _chain(accounts, r["account"]):
            rows[pk].debit += cents(r["d"])
            rows[pk].credit += cents(r["c"])
    out = [
        r
        for r in rows.values()
        if (r.opening or r.debit or r.credit) and (level is None or r.account.level <= level)
    ]
    out.sort(key=lambda r: r.account.code)
    top = [r for r in out if r.account.level == 1]
    totals = {
        "opening_debit": sum((r.opening_dc[0] for r in top), ZERO),
        "opening_credit": sum((r.opening_dc[1] for r in top), ZERO),
        "debit": sum((r.debit for r in top), ZERO),
        "credit": sum((r.credit for r in top), ZERO),
        "closing_debit": sum((r.closing_dc[0] for r in top), ZERO),
        "closing_credit": sum((r.closing_dc[1] for r in top), ZERO),
    }
    return out, totals


def _chain(accounts, pk):
    while pk:
        yield pk
        pk = accounts[pk].parent_id


# --- 资产负债表 --------------------------------------------------------------------------------------------

# (line, name, side, formula). Side "A": debit balance positive; "L": credit balance positive.
# Terms: "1001" balance of the account and its sub-accounts, "PL" every profit-and-loss balance (so that an
# open month balances before 结转损益), "D:1122" the debit balances
# of its per-partner rows, "C:2202" the credit balances; "=1+2" sums of lines.
BALANCE_SHEET = [
    (1, "货币资金", "A", "1001 1002 1012"),
    (2, "短期投资", "A", "1101"),
    (3, "应收票据", "A", "1121"),
    (4, "应收账款", "A", "D:1122 D:2203"),
    (5, "预付账款", "A", "D:1123 D:2202"),
    (6, "应收股利", "A", "1131"),
    (7, "应收利息", "A", "1132"),
    (8, "其他应收款", "A", "1221"),
    (9, "存货", "A", "1401 1402 1403 1404 1405 1407 1408 1411 1421 4001 4101 4301"),
    (10, "其中：原材料", "A", "1403"),
    (11, "在产品", "A", "4001"),
    (12, "库存商品", "A", "1405 1407"),
    (13, "周转材料", "A", "1411"),
    (14, "其他流动资产", "A", ""),
    (15, "流动资产合计", "A", "=1+2+3+4+5+6+7+8+9+14"),
    (16, "长期债券投资", "A", "1501"),
    (17, "长期股权投资", "A", "1511"),
    (18, "固定资产原价", "A", "1601"),
    (19, "减：累计折旧", "L", "1602"),
    (20, "固定资产账面价值", "A", "=18-19"),
    (21, "在建工程", "A", "1604"),
    (22, "工程物资", "A", "1605"),
    (23, "固定资产清理", "A", "1606"),
    (24, "生产性生物资产", "A", "1621 1622"),
    (25, "无形资产", "A", "1701 1702"),
    (26, "开发支出", "A", ""),
    (27, "长期待摊费用", "A", "1801"),
    (28, "其他非流动资产", "A", "1901"),
    (29, "非流动资产合计", "A", "=16+17+20+21+22+23+24+25+26+27+28"),
    (30, "资产总计", "A", "=15+29"),
    (31, "短期借款", "L", "2001"),
    (32, "应付票据", "L", "2201"),
    (33, "应付账款", "L", "C:2202 C:1123"),
    (34, "预收账款", "L", "C:2203 C:1122"),
    (35, "应付职工薪酬", "L", "2211"),
    (36, "应交税费", "L", "2221"),
    (37, "应付利息", "L", "2231"),
    (38, "应付利润", "L", "2232"),
    (39, "其他应付款", "L", "2241"),
    (40, "其他流动负债", "L", ""),
    (41, "流动负债合计", "L", "=31+32+33+34+35+36+37+38+39+40"),
    (42, "长期借款", "L", "2501"),
    (43, "长期应付款", "L", "2701"),
    (44, "递延收益", "L", "2401"),
    (45, "其他非流动负债", "L", ""),
    (46, "非流动负债合计", "L", "=42+43+44+45"),
    (47, "负债合计", "L", "=41+46"),
    (48, "实收资本（或股本）", "L", "3001"),
    (49, "资本公积", "L", "3002"),
    (50, "盈余公积", "L", "3101"),
    (51, "未分配利润", "L", "3103 3104 PL"),  # PL: profit and loss not yet carried to 本年利润
    (52, "所有者权益（或股东权益）合计", "L", "=48+49+50+51"),
    (53, "负债和所有者权益（或股东权益）总计", "L", "=47+52"),
]
TOTAL_LINES = {15, 20, 29, 30, 41, 46, 47, 52, 53}


def _balances_at(company, accounts: dict[int, Account], end: int) -> tuple[dict, dict]:
    """Balance (debit − credit) at the end of period `end` per first-level code, and per (code, dim_key)
    for the partner-kept receivable and payable accounts."""
    top = _top_codes(accounts)
    by_code, by_partner = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    rows = (
        AccountBalance.objects.filter(company=company, period__lte=end)
        .values("account", "dim_key")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    )
    for r in rows:
        code = top[r["account"]]
        by_code[code] += cents(r["d"]) - cents(r["c"])
        if accounts[r["account"]].category == "profit_loss":
            by_code["PL"] += cents(r["d"]) - cents(r["c"])
        if code in ("1122", "1123", "2202", "2203"):
            by_partner[(code, r["dim_key"])] += cents(r["d"]) - cents(r["c"])
    return by_code, by_partner


def _evaluate(lines, by_code, by_partner):
    values = {}
    for no, _name, side, formula in lines:
        if formula.startswith("="):
            values[no] = _sum_lines(formula, values)
            continue
        total = ZERO
        for term in formula.split():
            if term[:2] in ("D:", "C:"):
                code = term[2:]
                parts = [v for (c, _k), v in by_partner.items() if c == code]
                if term[0] == "D":
                    total += sum((v for v in parts if v > 0), ZERO) * (1 if side == "A" else -1)
                else:
                    total += sum((-v for v in parts if v < 0), ZERO) * (1 if side == "L" else -1)
            else:
                balance = by_code.get(term, ZERO)
                total += balance if side == "A" else -balance
        values[no] = total
    return values


def balance_sheet(company, *, year: int, month: int) -> dict:
    """会小企01表 at the end of the month: 期末余额 and 年初余额 per line, and whether it balances."""
    accounts = accounts_by_id(company)
    end = _evaluate(BALANCE_SHEET, *_balances_at(company, accounts, key(year, month)))
    begin = _evaluate(BALANCE_SHEET, *_balances_at(company, accounts, key(year, 0)))
    rows = [
        {"line": no, "name": name, "total": no in TOTAL_LINES, "closing": end[no], "opening": begin[no]}
        for no, name, _side, _f in BALANCE_SHEET
    ]
    return {
        "rows": rows,
        "balanced": end[30] == end[53] and begin[30] == begin[53],
        "assets": end[30],
        "liabilities_equity": end[53],
    }


# --- 利润表 ----------------------------------------------------------------------------------------------

# (line, name, formula): "5001" net credit (credit − debit) of a revenue account, "-5401" net debit of an
# expense; details ("其中") have no formula until the company keeps the matching sub-accounts.
INCOME_STATEMENT = [
    (1, "一、营业收入", "5001 5051"),
    (2, "减：营业成本", "-5401 -5402"),
    (3, "税金及附加", "-5403"),
    (11, "销售费用", "-5601"),
    (14, "管理费用", "-5602"),
    (18, "财务费用", "-5603"),
    (20, "加：投资收益（损失以“-”号填列）", "5111"),
    (21, "二、营业利润（亏损以“-”号填列）", "=1-2-3-11-14-18+20"),
    (22, "加：营业外收入", "5301"),
    (24, "减：营业外支出", "-5711"),
    (30, "三、利润总额（亏损总额以“-”号填列）", "=21+22-24"),
    (31, "减：所得税费用", "-5801"),
    (32, "四、净利润（净亏损以“-”号填列）", "=30-31"),
]


def _pl_movement(company, top: dict[int, str], start: int, end: int) -> dict:
    """Net movement (debit − credit) per first-level P&L code in the periods, without the 结转损益
    vouchers (otherwise every line is zero after the month-end close)."""
    out = defaultdict(lambda: ZERO)
    for r in (
        AccountBalance.objects.filter(
            company=company, period__gte=start, period__lte=end, account__category="profit_loss"
        )
        .values("account")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    ):
        out[top[r["account"]]] += cents(r["d"]) - cents(r["c"])
    for r in (
        VoucherLine.objects.filter(
            company=company,
            period__gte=start,
            period__lte=end,
            voucher__kind=Voucher.Kind.CLOSING,
            voucher__state=VoucherState.POSTED,
            account__category="profit_loss",
        )
        .values("account")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    ):
        out[top[r["account"]]] -= cents(r["d"]) - cents(r["c"])
    return out


def _income_values(movement) -> dict:
    values = {}
    for no, _name, formula in INCOME_STATEMENT:
        if formula.startswith("="):
            values[no] = _sum_lines(formula, values)
        else:
            total = ZERO
            for term in formula.split():
                if term.startswith("-"):
                    total += movement.get(term[1:], ZERO)  # expense: net debit
                else:
                    total -= movement.get(term, ZERO)  # revenue: net credit
            values[no] = total
    return values


def income_statement(company, *, year: int, month: int) -> dict:
    """会小企02表: 本月金额 and 本年累计金额."""
    top = _top_codes(accounts_by_id(company))
    this_month = _income_values(_pl_movement(company, top, key(year, month), key(year, month)))
    ytd = _income_values(_pl_movement(company, top, key(year, 1), key(year, month)))
    return {
        "rows": [
            {"line": no, "name": name, "total": f.startswith("="), "month": this_month[no], "year": ytd[no]}
            for no, name, f in INCOME_STATEMENT
        ],
        "net_profit": this_month[32],
        "net_profit_ytd": ytd[32],
    }


# --- 明细账 / 序时账 ---------------------------------------------------------------------------------------


def ledger(company, *, account: Account, start: int, end: int, include_unposted: bool = False):
    """明细账 of an account (and its sub-accounts): opening balance, each line with its running balance,
    and the period totals. Balances are shown on the account's own side (debit or credit)."""
    codes = Q(account__code__startswith=account.code)
    opening_q = AccountBalance.objects.filter(codes, company=company, period__lt=start).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    opening = cents(opening_q["d"]) - cents(opening_q["c"])
    states = [VoucherState.POSTED] + ([VoucherState.DRAFT, VoucherState.REVIEWED] if include_unposted else [])
    lines = list(
        VoucherLine.objects.filter(codes, company=company, period__gte=start, period__lte=end)
        .filter(voucher__state__in=states)
        .select_related("voucher", "account", "partner")
        .order_by("date", "voucher__word", "voucher__number", "seq")
    )
    if include_unposted:  # opening from unposted earlier lines too
        extra = VoucherLine.objects.filter(
            codes, company=company, period__lt=start, voucher__state__in=states[1:]
        ).aggregate(d=Sum("debit"), c=Sum("credit"))
        opening += cents(extra["d"]) - cents(extra["c"])
    sign = 1 if account.direction == Direction.DEBIT else -1
    running = opening
    rows = []
    for x in lines:
        running += x.debit - x.credit
        rows.append({"line": x, "balance": running * sign})
    return {
        "opening": opening * sign,
        "rows": rows,
        "debit": sum((x.debit for x in lines), ZERO),
        "credit": sum((x.credit for x in lines), ZERO),
        "closing": running * sign,
        "direction": account.get_direction_display(),
    }


def general_ledger(company, *, account: Account, year: int, end_month: int = 12) -> dict:
    """总账 of an account (with its sub-accounts) for a year: 年初余额, then per month 本月合计 and 本年累计 with
    the balance, from the maintained balances. Balances on the account's own side."""
    codes = Q(account__code__startswith=account.code)
    rows = AccountBalance.objects.filter(codes, company=company, period__lte=key(year, end_month))
    opening_q = rows.filter(period__lt=key(year, 1)).aggregate(d=Sum("debit"), c=Sum("credit"))
    by_month = {
        r["period"]: (cents(r["d"]), cents(r["c"]))
        for r in rows.filter(period__gte=key(year, 1))
        .values("period")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    }
    sign = 1 if account.direction == Direction.DEBIT else -1
    # before January: earlier years and the opening balances entered for this year (period YYYY00)
    balance = cents(opening_q["d"]) - cents(opening_q["c"])
    opening = balance
    ytd_d = ytd_c = ZERO
    months = []
    for m in range(1, end_month + 1):
        d, c = by_month.get(key(year, m), (ZERO, ZERO))
        if not d and not c and not months:
            continue  # months before the first movement
        ytd_d, ytd_c = ytd_d + d, ytd_c + c
        balance += d - c
        months.append(
            {
                "month": m,
                "debit": d,
                "credit": c,
                "ytd_debit": ytd_d,
                "ytd_credit": ytd_c,
                "balance": balance * sign,
            }
        )
    return {"opening": opening * sign, "months": months, "direction": account.get_direction_display()}


def journal(company, *, start: int, end: int):
    """序时账: every posted line of the periods in date and voucher order."""
    return (
        VoucherLine.objects.filter(
            company=company, period__gte=start, period__lte=end, voucher__state=VoucherState.POSTED
        )
        .select_related("voucher", "account", "partner")
        .order_by("date", "voucher__word", "voucher__number", "seq")
    )


# --- 大写金额 ----------------------------------------------------------------------------------------------

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿", "万"]


def _integer_words(n: int) -> str:
    s, out, zero = str(n), "", False
    for i, ch in enumerate(s):
        pos = len(s) - 1 - i
        if ch == "0":
            zero = True
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[int(ch)] + _UNITS[pos % 4]
        if pos % 4 == 0 and pos and int(s[max(0, i - 3) : i + 1]):
            out += _GROUPS[pos // 4]
    return out


def amount_in_words(amount: Decimal) -> str:
    """¥1,409.50 → 人民币壹仟肆佰零玖元伍角整; 整 after 元 or 角, never after 分 (CBW 52)."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    fen_total = int(abs(amount) * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = _integer_words(yuan) + "元" if yuan else ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    if fen:
        text += ("零" if yuan and not jiao else "") + _DIGITS[fen] + "分"
    else:
        text = (text or "零元") + "整"
    return ("负" if amount < 0 else "") + "人民币" + text


def voucher_for_print(voucher) -> dict:
    lines = list(voucher.lines.select_related("account", "partner", "department", "employee", "project"))
    accounts = accounts_by_id(voucher.company)
    for x in lines:
        x.account._full_name = accounts[x.account_id].full_name
    return {
        "voucher": voucher,
        "lines": lines,
        "total_words": amount_in_words(voucher.total_debit),
        "label": _("Accounting voucher"),
    }


# --- AR/AP: aging and partner statement --------------------------------------------------------------------

AGING_BUCKETS = ((0, "not_due"), (30, "d30"), (60, "d60"), (90, "d90"), (None, "older"))


def aging(company, *, kind: str, on: datetime.date) -> dict:
    """应收/应付账龄 by partner from the open invoices (credit notes negative), in the company currency, in
    buckets of days past the due date on `on`; unallocated receipts/payments (预收/预付) beside them."""
    from .models import DocState, Invoice, Payment

    rows: dict[int, dict] = {}

    def row(partner):
        if partner.pk not in rows:
            rows[partner.pk] = {"partner": partner, "unapplied": ZERO, "total": ZERO, "invoices": 0}
            rows[partner.pk].update({name: ZERO for _d, name in AGING_BUCKETS})
        return rows[partner.pk]

    invoices = (
        Invoice.objects.filter(company=company, kind=kind, state=DocState.POSTED, amount_open__gt=0)
        .select_related("partner")
        .order_by("partner__code", "due_date")
    )
    for inv in invoices:
        r = row(inv.partner)
        late = (on - inv.due_date).days
        name = next(n for days, n in AGING_BUCKETS if days is None or late <= days)
        amount = -inv.amount_open_cny if inv.is_refund else inv.amount_open_cny
        r[name] += amount
        r["total"] += amount
        r["invoices"] += 1
    direction = Payment.Kind.INBOUND if kind == Invoice.Kind.SALE else Payment.Kind.OUTBOUND
    for pay in Payment.objects.filter(
        company=company, kind=direction, state=DocState.POSTED, amount_unallocated__gt=0
    ).select_related("partner"):
        row(pay.partner)["unapplied"] += pay.amount_unallocated_cny
    out = sorted(rows.values(), key=lambda r: r["partner"].code)
    for r in out:
        r["net"] = r["total"] - r["unapplied"]
    totals = {
        k: sum((r[k] for r in out), ZERO)
        for k in ["total", "unapplied", "net"] + [n for _d, n in AGING_BUCKETS]
    }
    return {"rows": out, "totals": totals, "on": on}


def partner_statement(company, *, partner, start: datetime.date, end: datetime.date) -> dict:
    """对账单: every line on the partner's receivable, payable and advance accounts between two dates with a
    running balance (debit positive: the partner owes the company). Generated vouchers count from the moment
    their document is posted, before the accountant posts them."""
    from .services import settings_for

    s = settings_for(company)
    codes = [s.receivable_account, s.payable_account, s.advance_received_account, s.advance_paid_account]
    q = Q()
    for code in codes:
        q |= Q(account__code__startswith=code)
    base = VoucherLine.objects.filter(q, company=company, partner=partner)
    month = key(start.year, start.month)
    # opening: posted balances of earlier months (opening balances included), posted lines of the start month
    # before the start, and every unposted line before the start
    balances = AccountBalance.objects.filter(q, company=company, partner=partner, period__lt=month).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    posted = base.filter(voucher__state=VoucherState.POSTED, period=month, date__lt=start).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    unposted = (
        base.exclude(voucher__state=VoucherState.POSTED)
        .filter(date__lt=start)
        .aggregate(d=Sum("debit"), c=Sum("credit"))
    )
    opening = sum((cents(x["d"]) - cents(x["c"]) for x in (balances, posted, unposted)), ZERO)
    running = opening
    rows = []
    lines = (
        base.filter(date__gte=start, date__lte=end)
        .select_related("voucher", "account")
        .order_by("date", "voucher__word", "voucher__number", "seq")
    )
    for x in lines:
        running += x.debit - x.credit
        rows.append({"line": x, "balance": running})
    return {
        "partner": partner,
        "start": start,
        "end": end,
        "opening": opening,
        "rows": rows,
        "debit": sum((r["line"].debit for r in rows), ZERO),
        "credit": sum((r["line"].credit for r in rows), ZERO),
        "closing": running,
    }


# --- 现金流量表 (会小企03表, direct method) ----------------------------------------------------------------

CASH_FLOW = [
    (None, "一、经营活动产生的现金流量：", "I. Cash flows from operating activities", None),
    (1, "销售产成品、商品、提供劳务收到的现金", "Cash received from sales of goods and services", None),
    (2, "收到其他与经营活动有关的现金", "Other cash received from operating activities", None),
    (3, "购买原材料、商品、接受劳务支付的现金", "Cash paid for goods and services", None),
    (4, "支付的职工薪酬", "Cash paid to employees", None),
    (5, "支付的税费", "Taxes paid", None),
    (6, "支付其他与经营活动有关的现金", "Other cash paid for operating activities", None),
    (7, "经营活动产生的现金流量净额", "Net cash from operating activities", "=1+2-3-4-5-6"),
    (None, "二、投资活动产生的现金流量：", "II. Cash flows from investing activities", None),
    (8, "收回短期投资、长期债券投资和长期股权投资收到的现金", "Cash from disposal of investments", None),
    (9, "取得投资收益收到的现金", "Investment income received", None),
    (
        10,
        "处置固定资产、无形资产和其他非流动资产收回的现金净额",
        "Net cash from disposal of fixed and intangible assets",
        None,
    ),
    (11, "短期投资、长期债券投资和长期股权投资支付的现金", "Cash paid for investments", None),
    (
        12,
        "购建固定资产、无形资产和其他非流动资产支付的现金",
        "Cash paid for fixed and intangible assets",
        None,
    ),
    (13, "投资活动产生的现金流量净额", "Net cash from investing activities", "=8+9+10-11-12"),
    (None, "三、筹资活动产生的现金流量：", "III. Cash flows from financing activities", None),
    (14, "取得借款收到的现金", "Cash from borrowings", None),
    (15, "吸收投资者投资收到的现金", "Cash from owners' investment", None),
    (16, "偿还借款本金支付的现金", "Repayment of borrowings", None),
    (17, "偿还借款利息支付的现金", "Interest paid", None),
    (18, "分配利润支付的现金", "Profit distributed", None),
    (19, "筹资活动产生的现金流量净额", "Net cash from financing activities", "=14+15-16-17-18"),
    (20, "四、现金净增加额", "IV. Net increase in cash", "=7+13+19"),
    (21, "加：期初现金余额", "Cash at the beginning of the period", None),
    (22, "五、期末现金余额", "V. Cash at the end of the period", "=20+21"),
]
OUTFLOW_ITEMS = {3, 4, 5, 6, 11, 12, 16, 17, 18}
CASH_FLOW_ITEMS = [(n, zh, en) for n, zh, en, f in CASH_FLOW if n and not f and n != 21]
# untagged cash lines: the item from the first-level code of the largest line on the other side
_INFLOW_BY_CODE = {
    **dict.fromkeys(("1122", "1121", "2203", "5001", "5051", "2221"), 1),
    **dict.fromkeys(("1101", "1501", "1511"), 8),
    "5111": 9,
    **dict.fromkeys(("1601", "1606", "1701"), 10),
    **dict.fromkeys(("2001", "2501"), 14),
    **dict.fromkeys(("3001", "3002"), 15),
}
_OUTFLOW_BY_CODE = {
    **dict.fromkeys(("1123", "2201", "2202", "1401", "1402", "1403", "1405", "1411", "5401"), 3),
    "2211": 4,
    **dict.fromkeys(("2221", "5403", "5801"), 5),
    **dict.fromkeys(("1101", "1501", "1511"), 11),
    **dict.fromkeys(("1601", "1604", "1605", "1701"), 12),
    **dict.fromkeys(("2001", "2501"), 16),
    "2231": 17,  # interest accrued then paid; bank charges on 财务费用 are other operating payments (6)
    **dict.fromkeys(("2232", "3104"), 18),
}


def cash_flow_item(cash_line, others) -> int:
    """The item of a cash line: its tag, else from the contra account (对方科目)."""
    if cash_line.cashflow_item and cash_line.cashflow_item.isdigit():
        return int(cash_line.cashflow_item)
    inflow = (cash_line.debit - cash_line.credit) > 0
    side = [x for x in others if (x.credit if inflow else x.debit)]
    contra = max(side or others, key=lambda x: abs(x.debit or x.credit))
    top = contra.account.code[:4]
    table = _INFLOW_BY_CODE if inflow else _OUTFLOW_BY_CODE
    return table.get(top, 2 if inflow else 6)


def cash_flow(company, *, year: int, month: int) -> dict:
    """现金流量表 for the month and the year to date from posted cash lines (1001/1002/1012); vouchers with
    only cash lines (cash ↔ bank transfers) are not flows."""
    from .models import CASH_CODES

    def amounts(start: int, end: int) -> dict[int, Decimal]:
        cash_q = Q()
        for code in CASH_CODES:
            cash_q |= Q(account__code__startswith=code)
        voucher_ids = (
            VoucherLine.objects.filter(cash_q, company=company, period__gte=start, period__lte=end)
            .filter(voucher__state=VoucherState.POSTED)
            .values("voucher_id")
        )
        by_voucher = defaultdict(list)
        for x in VoucherLine.objects.filter(voucher_id__in=voucher_ids).select_related("account"):
            by_voucher[x.voucher_id].append(x)
        out = defaultdict(lambda: ZERO)
        for lines in by_voucher.values():
            cash = [x for x in lines if x.account.is_cash]
            others = [x for x in lines if not x.account.is_cash]
            if not others:
                continue
            for x in cash:
                item = cash_flow_item(x, others)
                value = x.debit - x.credit
                out[item] += -value if item in OUTFLOW_ITEMS else value
        return out

    def cash_before(period: int) -> Decimal:
        q = Q()
        for code in CASH_CODES:
            q |= Q(account__code__startswith=code)
        b = AccountBalance.objects.filter(q, company=company, period__lt=period).aggregate(
            d=Sum("debit"), c=Sum("credit")
        )
        return cents(b["d"]) - cents(b["c"])

    def column(start: int, end: int) -> dict[int, Decimal]:
        values = {n: ZERO for n, *_rest in CASH_FLOW if n}
        values.update(amounts(start, end))
        values[21] = cash_before(start)
        for n, _zh, _en, formula in CASH_FLOW:
            if formula:
                values[n] = _sum_lines(formula, values)
        return values

    this = key(year, month)
    ytd, month_col = column(key(year, 1), this), column(this, this)
    rows = [
        {
            "line": n,
            "name": zh,
            "name_en": en,
            "year": ytd.get(n, ZERO) if n else None,
            "month": month_col.get(n, ZERO) if n else None,
            "total": bool(formula) or n is None,
        }
        for n, zh, en, formula in CASH_FLOW
    ]
    return {"rows": rows, "year": year, "month": month}
