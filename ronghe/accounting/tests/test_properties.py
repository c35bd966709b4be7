"""Property: whatever valid vouchers, reversals and closes happen, every voucher balances, the ledger
balances overall, and the maintained balances equal the sum of posted lines."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ronghe.accounting import closing, integrity
from ronghe.accounting.models import AccountBalance, Period, Voucher, VoucherLine, cents
from ronghe.accounting.services import (
    period_for,
    voucher_create,
    voucher_post,
    voucher_reverse,
    voucher_review,
)
from ronghe.core.errors import DomainError

pytestmark = pytest.mark.django_db
ACCOUNTS = ["1001", "1002", "1405", "2211", "3001", "5001", "5401", "5602", "22210102"]

amount = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)
voucher = st.tuples(
    st.integers(1, 3),  # month
    st.lists(st.tuples(st.sampled_from(ACCOUNTS), amount), min_size=1, max_size=4),  # debit lines
    st.lists(st.sampled_from(ACCOUNTS), min_size=1, max_size=3),  # credit accounts share the total
    st.sampled_from(["draft", "reviewed", "posted", "reversed"]),
)


def split(total: D, n: int) -> list[D]:
    part = (total / n).quantize(D("0.01"))
    return [part] * (n - 1) + [total - part * (n - 1)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(vouchers=st.lists(voucher, min_size=1, max_size=8), close=st.integers(0, 3))
def test_random_vouchers_reversals_and_closes_keep_the_ledger_balanced(books, vouchers, close):
    co, prep, rev = books
    with transaction.atomic():
        for month, debits, credit_accounts, fate in vouchers:
            total = sum((a for _c, a in debits), D(0))
            lines = [{"summary": "借", "account": c, "debit": a} for c, a in debits] + [
                {"summary": "贷", "account": c, "credit": a}
                for c, a in zip(credit_accounts, split(total, len(credit_accounts)), strict=True)
            ]
            try:
                v = voucher_create(company=co, actor=prep, date=datetime.date(2026, month, 5), lines=lines)
            except DomainError:  # its month is already closed: refused, nothing written
                continue
            if fate != "draft":
                voucher_review(voucher=v, actor=rev)
            if fate in ("posted", "reversed"):
                voucher_post(voucher=v, actor=rev)
            if fate == "reversed":
                red = voucher_reverse(voucher=v, actor=prep, date=datetime.date(2026, 3, 28))
                voucher_review(voucher=red, actor=rev)
                voucher_post(voucher=red, actor=rev)
        for month in range(1, close + 1):  # close in order, posting what is waiting
            for v in Voucher.objects.filter(
                company=co, period__month=month, period__year=2026, state="draft"
            ):
                voucher_review(voucher=v, actor=rev)
            for v in Voucher.objects.filter(
                company=co, period__month=month, period__year=2026, state="reviewed"
            ):
                voucher_post(voucher=v, actor=rev)
            closing.period_close(company=co, period=period_for(co, datetime.date(2026, month, 1)), actor=rev)
            closed = Period.objects.get(company=co, year=2026, month=month)
            assert closed.state == "closed" and closing.pl_left(co, closed) == {}

        for v in Voucher.objects.filter(company=co):
            sums = v.lines.aggregate(d=Sum("debit"), c=Sum("credit"))
            assert cents(sums["d"]) == cents(sums["c"]) == v.total_debit == v.total_credit
        posted = VoucherLine.objects.filter(company=co, voucher__state="posted").aggregate(
            d=Sum("debit"), c=Sum("credit")
        )
        bal = AccountBalance.objects.filter(company=co).aggregate(d=Sum("debit"), c=Sum("credit"))
        assert cents(posted["d"]) == cents(posted["c"])
        assert (cents(bal["d"]), cents(bal["c"])) == (cents(posted["d"]), cents(posted["c"]))
        assert integrity.check_vouchers() == [] and integrity.check_balances() == []
        numbers = {}
        for v in Voucher.objects.filter(company=co).order_by("period", "word", "number"):
            numbers.setdefault((v.period_id, v.word), []).append(v.number)
        assert all(ns == list(range(1, len(ns) + 1)) for ns in numbers.values())  # gap-free
        transaction.set_rollback(True)
