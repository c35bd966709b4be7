"""Accounting benchmarks: 1,000,000 posted journal lines over 200 accounts and 12 periods (bulk inserts, with
the balances posting would have maintained), then the trial balance and the balance sheet beside the raw SQL
aggregate over the same lines, and vouchers posted per second through the services beside raw inserts of the
same lines, one commit each."""

import random
import statistics
import time
from datetime import date
from decimal import Decimal

from inventory import _timeit  # bench/ is on sys.path (run.py)

D = Decimal
YEAR = 2025
BENCH_COMPANY = "账套基准测试有限公司"


def _setup(admin, reviewer):
    from ronghe.accounting.models import Account
    from ronghe.accounting.services import account_create, coa_install
    from ronghe.core.models import Company
    from ronghe.core.services import company_create, membership_set

    company = Company.objects.filter(name=BENCH_COMPANY).first()
    if company is None:
        company = company_create(actor=admin, name=BENCH_COMPANY)
        membership_set(company=company, user=reviewer, is_admin=True)
        coa_install(company=company, actor=admin)
        for parent_code, n in (("5602", 60), ("5601", 40), ("1002", 20), ("1221", 20), ("5001", 10)):
            parent = Account.objects.get(company=company, code=parent_code)
            for i in range(1, n + 1):
                account_create(
                    company=company,
                    actor=admin,
                    parent=parent,
                    code=f"{parent_code}{i:02d}",
                    name=f"明细{i:02d}",
                )
    leaves = list(
        Account.objects.filter(company=company, is_leaf=True, active=True, dim_partner=False).order_by(
            "code"
        )[:200]
    )
    return company, leaves


def generate(company, leaves, n_lines: int) -> float:
    """Posted vouchers of 4 lines over the 12 months of YEAR, inserted in bulk; balances computed from them
    exactly as posting would. Returns seconds spent (0 when the data is already there)."""
    from django.db import connection, transaction

    from ronghe.accounting.models import AccountBalance, Period, Voucher, VoucherLine

    if (
        VoucherLine.objects.filter(
            company=company, period__gte=YEAR * 100 + 1, period__lte=YEAR * 100 + 12
        ).count()
        >= n_lines
    ):
        return 0.0
    t0 = time.perf_counter()
    rng = random.Random(11)
    n_vouchers = n_lines // 4
    per_month = n_vouchers // 12
    now = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime())
    v_cols = (
        "created_at",
        "updated_at",
        "company_id",
        "period_id",
        "word",
        "number",
        "date",
        "attachments",
        "state",
        "kind",
        "red",
        "note",
        "source",
        "total_debit",
        "total_credit",
    )
    l_cols = (
        "voucher_id",
        "company_id",
        "seq",
        "summary",
        "account_id",
        "debit",
        "credit",
        "cashflow_item",
        "period",
        "date",
    )
    v_sql = f"INSERT INTO {Voucher._meta.db_table} ({', '.join(v_cols)}) VALUES ({', '.join(['%s'] * len(v_cols))})"
    l_sql = f"INSERT INTO {VoucherLine._meta.db_table} ({', '.join(l_cols)}) VALUES ({', '.join(['%s'] * len(l_cols))})"
    ids = [a.pk for a in leaves]
    with transaction.atomic():
        for month in range(1, 13):
            period, _c = Period.objects.get_or_create(company=company, year=YEAR, month=month)
            key = YEAR * 100 + month
            start_no = (
                Voucher.objects.filter(period=period)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
                or 0
            ) + 1
            for chunk in range(0, per_month, 5000):
                vouchers, amounts = [], []
                for n in range(chunk, min(per_month, chunk + 5000)):
                    a, b = D(rng.randint(100, 1_000_000)) / 100, D(rng.randint(100, 1_000_000)) / 100
                    day = date(YEAR, month, 1 + n % 28)
                    vouchers.append(
                        (
                            now,
                            now,
                            company.pk,
                            period.pk,
                            "记",
                            start_no + n,
                            day,
                            1,
                            "posted",
                            "normal",
                            False,
                            "",
                            "",
                            a + b,
                            a + b,
                        )
                    )
                    amounts.append((day, a, b))
                with connection.cursor() as cur:
                    cur.executemany(v_sql, vouchers)
                first = (
                    Voucher.objects.filter(period=period, number=start_no + chunk)
                    .values_list("pk", flat=True)
                    .get()
                )
                lines = []
                for i, (day, a, b) in enumerate(amounts):
                    vid = first + i
                    acc = rng.sample(ids, 4)
                    lines += [
                        (vid, company.pk, 1, "基准分录", acc[0], a, D(0), "", key, day),
                        (vid, company.pk, 2, "基准分录", acc[1], b, D(0), "", key, day),
                        (vid, company.pk, 3, "基准分录", acc[2], D(0), a + b - D("0.01"), "", key, day),
                        (vid, company.pk, 4, "基准分录", acc[3], D(0), D("0.01"), "", key, day),
                    ]
                with connection.cursor() as cur:
                    cur.executemany(l_sql, lines)
        AccountBalance.objects.filter(
            company=company, period__gte=YEAR * 100, period__lte=YEAR * 100 + 12
        ).delete()
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {AccountBalance._meta.db_table} (company_id, account_id, period, dim_key, debit, credit) "
                f"SELECT company_id, account_id, period, '', SUM(debit), SUM(credit) FROM {VoucherLine._meta.db_table} "
                "WHERE company_id = %s AND period BETWEEN %s AND %s GROUP BY company_id, account_id, period",
                [company.pk, YEAR * 100, YEAR * 100 + 12],
            )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return time.perf_counter() - t0


def run(admin, reviewer, n_lines: int, quick: bool) -> list[dict]:
    from django.db import connection

    from ronghe.accounting import reports

    company, leaves = _setup(admin, reviewer)
    spent = generate(company, leaves, n_lines)
    if spent:
        print(
            f"generated {n_lines:,} journal lines over {len(leaves)} accounts and 12 periods in {spent:.0f} s"
        )
    rows = []
    start, end = YEAR * 100 + 1, YEAR * 100 + 12
    tb = _timeit(lambda: reports.trial_balance(company, start=start, end=end), repeat=3)
    tb_sql = (
        "SELECT account_id, SUM(CASE WHEN period < %s THEN debit - credit ELSE 0 END), "
        "SUM(CASE WHEN period >= %s THEN debit ELSE 0 END), SUM(CASE WHEN period >= %s THEN credit ELSE 0 END) "
        "FROM accounting_voucherline WHERE company_id = %s AND period <= %s GROUP BY account_id"
    )
    with connection.cursor() as cur:
        raw = _timeit(
            lambda: (cur.execute(tb_sql, [start, start, start, company.pk, end]), cur.fetchall()), repeat=3
        )
    rows.append(_row("trial balance, full year", tb, raw))
    bs = _timeit(lambda: reports.balance_sheet(company, year=YEAR, month=12), repeat=3)
    bs_sql = (
        "SELECT account_id, partner_id, SUM(debit - credit) FROM accounting_voucherline "
        "WHERE company_id = %s AND period <= %s GROUP BY account_id, partner_id"
    )
    with connection.cursor() as cur:
        raw = _timeit(lambda: (cur.execute(bs_sql, [company.pk, end]), cur.fetchall()), repeat=3)
    rows.append(_row("balance sheet, year end", bs, raw))
    rows.append(_post_rate(company, admin, reviewer, leaves, 30 if quick else 300))
    return rows


def _row(name, lat, raw):
    return {
        "benchmark": name,
        "n": len(lat),
        "p50_ms": statistics.median(lat),
        "p95_ms": max(lat),
        "queries": 0,
        "raw_sql_p50_ms": statistics.median(raw),
        "raw_sql_p95_ms": max(raw),
        "speedup": statistics.median(raw) / statistics.median(lat),
    }


def _post_rate(company, admin, reviewer, leaves, n: int) -> dict:
    """A two-line voucher prepared, reviewed by another user and posted (three transactions: numbers,
    balances, audit) against raw inserts of the same voucher and lines, one commit each."""
    from django.db import connection, transaction

    from ronghe.accounting.services import voucher_create, voucher_post, voucher_review

    day = date(YEAR + 5, 1, 15)  # a period of its own
    lines = [
        {"summary": "基准过账", "account": leaves[0], "debit": "123.45"},
        {"summary": "基准过账", "account": leaves[1], "credit": "123.45"},
    ]
    # a) posting (过账) of reviewed vouchers: balances, state, audit, timeline
    reviewed = []
    for _ in range(n):
        v = voucher_create(company=company, actor=admin, date=day, lines=lines)
        reviewed.append(voucher_review(voucher=v, actor=reviewer))
    t = time.perf_counter()
    for v in reviewed:
        voucher_post(voucher=v, actor=reviewer)
    service_rate = n / (time.perf_counter() - t)
    # b) the whole life: prepared, reviewed by another user, posted (three transactions)
    t = time.perf_counter()
    for _ in range(n):
        v = voucher_create(company=company, actor=admin, date=day, lines=lines)
        voucher_review(voucher=v, actor=reviewer)
        voucher_post(voucher=v, actor=reviewer)
    full_rate = n / (time.perf_counter() - t)
    period_id = v.period_id
    now = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime())
    t = time.perf_counter()
    for i in range(n):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "INSERT INTO accounting_voucher (created_at, updated_at, company_id, period_id, word, number, date, "
                "attachments, state, kind, red, note, source, total_debit, total_credit) "
                "VALUES (%s, %s, %s, %s, '付', %s, %s, 0, 'posted', 'normal', %s, '', '', 123.45, 123.45)",
                [now, now, company.pk, period_id, 100000 + i, day, False],
            )
            vid = cur.lastrowid if connection.vendor == "sqlite" else None
            if vid is None:
                cur.execute("SELECT lastval()")
                vid = cur.fetchone()[0]
            for seq, (acc, d, c) in enumerate(
                ((leaves[0].pk, "123.45", "0"), (leaves[1].pk, "0", "123.45")), 1
            ):
                cur.execute(
                    "INSERT INTO accounting_voucherline (voucher_id, company_id, seq, summary, account_id, debit, credit, "
                    "cashflow_item, period, date) VALUES (%s, %s, %s, '基准过账', %s, %s, %s, '', %s, %s)",
                    [vid, company.pk, seq, acc, d, c, day.year * 100 + day.month, day],
                )
    raw_rate = n / (time.perf_counter() - t)
    with transaction.atomic(), connection.cursor() as cur:  # the raw rows are not real vouchers: remove them
        cur.execute(
            "DELETE FROM accounting_voucherline WHERE voucher_id IN (SELECT id FROM accounting_voucher WHERE period_id = %s AND word = '付')",
            [period_id],
        )
        cur.execute("DELETE FROM accounting_voucher WHERE period_id = %s AND word = '付'", [period_id])
    return {
        "benchmark": "post a reviewed 2-line voucher (ms)",
        "n": n,
        "p50_ms": 1000 / service_rate,
        "p95_ms": float("nan"),
        "queries": 0,
        "raw_sql_p50_ms": 1000 / raw_rate,
        "raw_sql_p95_ms": float("nan"),
        "service_per_s": service_rate,
        "raw_per_s": raw_rate,
        "ratio": service_rate / raw_rate,
        "full_ms": 1000 / full_rate,
        "full_per_s": full_rate,
        "full_ratio": full_rate / raw_rate,
    }
