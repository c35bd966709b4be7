"""Done-when 2: on PostgreSQL, two processes × 200 deliveries compete for 100 units of one product: exactly
100 units are shipped, the rest is refused or left waiting, and the quants equal the sum of the moves."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from ronghe.core.tests.test_sequence_concurrency import _database_url

WORKER = r"""
import os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "ronghe.config.settings"
import django
django.setup()
from ronghe.core.errors import DomainError
from ronghe.core.models import Company, User
from ronghe.inventory.models import Transfer, Warehouse
from ronghe.inventory.services import transfer_create, transfer_validate
from ronghe.products.models import Product

company = Company.objects.get(pk=int(sys.argv[1]))
product = Product.objects.get(pk=int(sys.argv[2]))
warehouse = Warehouse.objects.get(pk=int(sys.argv[3]))
user = User.objects.get(username=sys.argv[4])
start_at = float(sys.argv[5])
while time.time() < start_at:
    time.sleep(0.002)
shipped = waiting = refused = 0
for _ in range(200):
    try:
        t = transfer_create(company=company, actor=user, kind=Transfer.Kind.DELIVERY, warehouse=warehouse,
                            lines=[{"product": product, "quantity": 1}])
        if t.state == "reserved":
            transfer_validate(transfer=t, actor=user)
            shipped += 1
        else:
            waiting += 1
    except DomainError:
        refused += 1
print(shipped, waiting, refused)
"""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_never_ship_more_than_there_is(demo_company, users):
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a shared server database")
    from decimal import Decimal

    from ronghe.core.models import Unit
    from ronghe.inventory import integrity
    from ronghe.inventory.models import Quant, StockMove, Transfer, Warehouse
    from ronghe.inventory.services import transfer_create, transfer_validate
    from ronghe.products.services import product_save

    wh = Warehouse.objects.get(company=demo_company, code="SH")
    p = product_save(
        company=demo_company,
        actor=None,
        data={"code": "RACE-1", "name": "抢购商品", "uom": Unit.objects.get(code="pcs"), "cost": Decimal(10)},
    )
    r = transfer_create(
        company=demo_company,
        actor=users["zhaolei"],
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 100, "price_unit": "10"}],
    )
    transfer_validate(transfer=r, actor=users["zhaolei"])
    env = dict(os.environ, DATABASE_URL=_database_url())
    start_at = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(demo_company.pk), str(p.pk), str(wh.pk), who, start_at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("zhaolei", "chenjing")
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append([int(x) for x in out.split()])
    shipped = sum(r[0] for r in results)
    assert shipped == 100
    assert sum(sum(r) for r in results) == 400
    assert all(r[0] > 0 for r in results)  # both processes really competed
    q = Quant.objects.get(product=p, location=wh.stock_location)
    assert q.quantity == 0 and q.reserved == 0
    done_out = StockMove.objects.filter(product=p, state="done", location_src=wh.stock_location)
    assert sum(m.product_qty for m in done_out) == 100
    assert integrity.check_quants() == [] and integrity.check_valuation() == []
    from ronghe.core.audit import verify_chain
    from ronghe.core.models import AuditEntry

    assert not AuditEntry.objects.filter(seq__isnull=True).exists()  # every committed row was sealed
    assert verify_chain() == []
