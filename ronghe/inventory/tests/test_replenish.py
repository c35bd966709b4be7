from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import Workbook

from ronghe.core.errors import ValidationFailed
from ronghe.inventory import integrity, replenish
from ronghe.inventory.models import ProductValue, Warehouse
from ronghe.inventory.selectors import on_hand
from ronghe.inventory.tests.test_services import deliver, product, receive
from ronghe.products.models import Tracking

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["商品编码", "库位", "批次", "数量", "单位成本"])
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_opening_import_all_or_nothing(demo_company, users):
    co, keeper = demo_company, users["zhaolei"]
    wh = Warehouse.objects.get(company=co, code="SZ")
    a, b = product(co), product(co, tracking=Tracking.LOT)
    bad = _xlsx([[a.code, "SZ/库存", "", 5, 3], [b.code, "SZ/库存", "", 2, 1], ["NOPE", "XX", "", -1, "abc"]])
    with pytest.raises(ValidationFailed) as exc:
        replenish.opening_import(
            company=co, actor=keeper, warehouse=wh, rows=replenish.read_opening_excel(bad)
        )
    assert set(exc.value.fields) == {"row 3", "row 4"} and len(exc.value.fields["row 4"]) == 4
    assert on_hand(company=co, product=a)["on_hand"] == 0  # nothing imported
    ok = _xlsx([[a.code, "SZ/库存", "", 5, "3.20"], [b.code, "SZ/库存", "B-9", 2, 1]])
    t = replenish.opening_import(
        company=co, actor=keeper, warehouse=wh, rows=replenish.read_opening_excel(ok)
    )
    assert t.state == "done" and on_hand(company=co, product=a)["on_hand"] == 5
    assert ProductValue.objects.get(product=a).value == D("16.00")
    assert integrity.check_quants() == [] and integrity.check_valuation() == []


def test_replenishment_suggests_up_to_max(demo_company, users):
    co, keeper = demo_company, users["zhaolei"]
    wh = Warehouse.objects.get(company=co, code="SH")
    p = product(co)
    receive(co, wh, keeper, p, 12, "1")
    deliver(co, wh, keeper, p, 5, validate=False)  # reserved for a delivery
    replenish.reorder_rule_save(company=co, actor=keeper, product=p, warehouse=wh, min_qty=10, max_qty=30)
    row = next(r for r in replenish.replenishment(company=co) if r["product"] == p)
    assert (row["on_hand"], row["outgoing"], row["forecast"], row["suggested"]) == (12, 5, 7, 23)
    receive(co, wh, keeper, p, 20, "1")
    assert not any(r["product"] == p for r in replenish.replenishment(company=co))
    with pytest.raises(ValidationFailed):
        replenish.reorder_rule_save(company=co, actor=keeper, product=p, warehouse=wh, min_qty=10, max_qty=5)


def test_pages(client, demo_company, users):
    client.force_login(users["zhaolei"])
    p = product(demo_company)
    r = client.post(
        "/inventory/replenishment/",
        {
            "code": p.code,
            "warehouse": Warehouse.objects.get(company=demo_company, code="SH").pk,
            "min_qty": "5",
            "max_qty": "20",
        },
        follow=True,
    )
    assert p.code in r.content.decode()
    assert client.get("/inventory/opening/").status_code == 200
    r = client.post(
        "/inventory/opening/",
        {
            "warehouse": Warehouse.objects.get(company=demo_company, code="SH").pk,
            "file": _xlsx([["NOPE", "SH/库存", "", 1, 1]]),
        },
    )
    assert r.status_code == 422 and "row 2" in r.content.decode()
