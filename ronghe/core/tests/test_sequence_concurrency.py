"""Done-when 6: on PostgreSQL, two processes allocating 500 numbers each from one sequence get 1,000
unique, consecutive numbers."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

WORKER = r"""
import os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "ronghe.config.settings"
import django
django.setup()
from django.db import transaction
from ronghe.core.models import Company
from ronghe.core.services import sequence_next_value

company = Company.objects.get(pk=int(sys.argv[1]))
start_at = float(sys.argv[2])
while time.time() < start_at:  # both processes begin together
    time.sleep(0.005)
out = []
for _ in range(500):
    with transaction.atomic():  # one document, one transaction, one number
        out.append(sequence_next_value(company=company, code="concurrency.test", period="202611"))
print(",".join(map(str, out)))
"""


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_get_1000_unique_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency across processes is checked on PostgreSQL")
    from ronghe.core.models import Company

    company = Company.objects.create(name="并发测试有限公司", currency_id="CNY")
    env = dict(os.environ, DATABASE_URL=_database_url())
    start_at = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(company.pk), start_at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append([int(x) for x in out.strip().split(",")])
    a, b = results
    assert len(a) == len(b) == 500
    assert sorted(a + b) == list(range(1, 1001))  # unique and consecutive: no gap, no duplicate
    # the two processes really interleaved (otherwise the test proves nothing about concurrency)
    assert min(b) < max(a) and min(a) < max(b)
