"""Done-when 3: on PostgreSQL, two processes posting 500 vouchers each into one period get 1,000 unique
consecutive numbers and a balanced ledger."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from ronghe.core.tests.test_sequence_concurrency import _database_url

WORKER = r"""
import datetime, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "ronghe.config.settings"
import django
django.setup()
from ronghe.core.models import Company, User
from ronghe.accounting.services import voucher_create, voucher_post, voucher_review

company = Company.objects.get(pk=int(sys.argv[1]))
preparer, reviewer = User.objects.get(username=sys.argv[2]), User.objects.get(username=sys.argv[3])
day = datetime.date.fromisoformat(sys.argv[4])
start_at = float(sys.argv[5])
while time.time() < start_at:
    time.sleep(0.002)
for i in range(500):
    amount = f"{(i % 97) + 1}.{i % 100:02d}"
    v = voucher_create(company=company, actor=preparer, date=day, lines=[
        {"summary": "并发测试", "account": "5602", "debit": amount},
        {"summary": "并发测试", "account": "1002", "credit": amount},
    ])
    voucher_review(voucher=v, actor=reviewer)
    voucher_post(voucher=v, actor=reviewer)
print("ok")
"""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_post_into_one_period(demo_company, users):
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a shared server database")
    import datetime

    from django.db.models import Sum

    from ronghe.accounting import integrity
    from ronghe.accounting.models import AccountBalance, Voucher, cents

    day = datetime.date(2031, 6, 15)  # a period nobody else uses
    env = dict(os.environ, DATABASE_URL=_database_url())
    start_at = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(demo_company.pk), prep, rev, day.isoformat(), start_at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prep, rev in (("sunli", "admin"), ("admin", "sunli"))
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    vouchers = Voucher.objects.filter(company=demo_company, period__year=2031, period__month=6)
    numbers = sorted(vouchers.values_list("number", flat=True))
    assert numbers == list(range(1, 1001))
    assert set(vouchers.values_list("state", flat=True)) == {"posted"}
    assert {v.prepared_by.username for v in vouchers.select_related("prepared_by")} == {"sunli", "admin"}
    # both processes were interleaved, not one after the other
    order = [v.prepared_by_id for v in vouchers.order_by("number")]
    assert sum(1 for a, b in zip(order, order[1:], strict=False) if a != b) > 10
    totals = AccountBalance.objects.filter(company=demo_company, period=203106).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    assert cents(totals["d"]) == cents(totals["c"]) == sum(v.total_debit for v in vouchers)
    assert integrity.check_vouchers() == [] and integrity.check_balances() == []
