"""`ronghe check-integrity` for accounting: every voucher balances, its totals match its lines, and the
maintained balances equal the sum of posted lines."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Sum

from .models import AccountBalance, Voucher, VoucherLine, cents, dim_key
from .states import VoucherState


def check_vouchers() -> list[str]:
    problems = []
    for v in Voucher.objects.exclude(total_debit=F("total_credit")).only("pk", "word", "number")[:50]:
        problems.append(f"voucher {v.pk} ({v}): debit total ≠ credit total")
    sums = VoucherLine.objects.values("voucher").annotate(d=Sum("debit"), c=Sum("credit"))
    totals = {
        v["pk"]: (v["total_debit"], v["total_credit"])
        for v in Voucher.objects.values("pk", "total_debit", "total_credit")
    }
    for r in sums.iterator():
        if cents(r["d"]) != cents(r["c"]):
            problems.append(f"voucher {r['voucher']}: lines debit {r['d']} ≠ credit {r['c']}")
        elif totals.get(r["voucher"]) != (cents(r["d"]), cents(r["c"])):
            problems.append(f"voucher {r['voucher']}: totals {totals.get(r['voucher'])} ≠ lines {r['d']}")
    return problems


def check_balances() -> list[str]:
    """Balances = posted lines per (company, account, period, dimensions); opening rows (month 0) have no
    lines and are excluded."""
    expected: dict = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for r in (
        VoucherLine.objects.filter(voucher__state=VoucherState.POSTED)
        .values("company", "account", "period", "partner", "department", "employee", "project")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .iterator()
    ):
        k = (
            r["company"],
            r["account"],
            r["period"],
            dim_key(r["partner"], r["department"], r["employee"], r["project"]),
        )
        expected[k][0] += cents(r["d"])
        expected[k][1] += cents(r["c"])
    problems = []
    seen = set()
    for b in AccountBalance.objects.values_list(
        "company", "account", "period", "dim_key", "debit", "credit"
    ).iterator():
        k = b[:4]
        if b[2] % 100 == 0:
            continue
        seen.add(k)
        d, c = expected.get(k, (Decimal(0), Decimal(0)))
        if (d, c) != (b[4], b[5]):
            problems.append(f"balance {k}: {b[4]}/{b[5]}, posted lines {d}/{c}")
    for k, (d, c) in expected.items():
        if k not in seen and (d or c):
            problems.append(f"balance {k} missing: posted lines {d}/{c}")
    return problems
