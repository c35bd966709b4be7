"""Stock counts: the sheet, counted quantities typed or imported, differences posted to/from inventory loss,
and approval above the company threshold."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import Workbook

from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.inventory import counts, integrity
from ronghe.inventory.models import LocationUsage, ProductValue, Quant, StockCount, Warehouse
from ronghe.inventory.tests.test_services import product, receive
from ronghe.products.models import Tracking
from ronghe.workflow import services as workflow
from ronghe.workflow.models import ApprovalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(demo_company, users):
    co, keeper = demo_company, users["zhaolei"]
    wh = Warehouse.objects.get(company=co, code="SZ")  # the empty warehouse
    a, b = product(co), product(co, tracking=Tracking.LOT)
    receive(co, wh, keeper, a, 10, "4.00")
    receive(co, wh, keeper, b, 6, "2.00", lot="B-1")
    return co, keeper, wh, a, b


def qty(co, wh, p):
    return sum(q.quantity for q in Quant.objects.filter(product=p, location=wh.stock_location))


def test_count_sheet_lists_stock_and_posts_small_differences(setup):
    co, keeper, wh, a, b = setup
    c = counts.count_create(company=co, actor=keeper, warehouse=wh)
    lines = {ln.product_id: ln for ln in c.lines.all()}
    assert (lines[a.pk].expected_qty, lines[b.pk].expected_qty, lines[b.pk].lot.name) == (10, 6, "B-1")
    counts.count_set(count=c, actor=keeper, quantities={lines[a.pk].pk: "8", lines[b.pk].pk: "7"})
    c = counts.count_post(count=c, actor=keeper)
    assert c.state == "done" and c.difference_value == D("10.00")  # |−2 × 4.00| + |+1 × 2.00|
    assert (qty(co, wh, a), qty(co, wh, b)) == (8, 7)
    moves = {m.product_id: m for m in c.transfer.moves.all()}
    assert moves[a.pk].location_dest.usage == LocationUsage.INVENTORY and moves[a.pk].value == D("-8.00")
    assert moves[b.pk].location_src.usage == LocationUsage.INVENTORY and moves[b.pk].value == D("2.00")
    assert ProductValue.objects.get(product=a).value == D("32.00")
    assert integrity.check_quants() == [] and integrity.check_valuation() == []


def test_large_difference_goes_through_approval(setup, users):
    co, keeper, wh, a, _b = setup
    counts.settings_for(co).__class__.objects.filter(company=co).update(count_approval_threshold=D("5"))
    c = counts.count_create(company=co, actor=keeper, warehouse=wh)
    line = c.lines.get(product=a)
    counts.count_set(count=c, actor=keeper, quantities={line.pk: "3"})  # −7 × 4.00 = 28.00 > 5
    c = counts.count_post(count=c, actor=keeper)
    assert c.state == "submitted" and qty(co, wh, a) == 10  # nothing moved yet
    with pytest.raises(InvalidTransition):
        counts.count_set(count=c, actor=keeper, quantities={line.pk: "4"})  # locked while in approval
    task = ApprovalTask.objects.get(
        request__target_id=c.pk, request__approvable_type="inventory.stockcount", state="pending"
    )
    assert task.assignee == users["zhangwei"]
    workflow.task_approve(task=task, actor=users["zhangwei"])
    c.refresh_from_db()
    assert c.state == "done" and qty(co, wh, a) == 3


def test_rejected_count_returns_to_counting(setup, users):
    co, keeper, wh, a, _b = setup
    counts.settings_for(co).__class__.objects.filter(company=co).update(count_approval_threshold=D("5"))
    c = counts.count_create(company=co, actor=keeper, warehouse=wh)
    counts.count_set(count=c, actor=keeper, quantities={c.lines.get(product=a).pk: "0"})
    counts.count_post(count=c, actor=keeper)
    task = ApprovalTask.objects.get(
        request__target_id=c.pk, request__approvable_type="inventory.stockcount", state="pending"
    )
    workflow.task_reject(task=task, actor=users["zhangwei"], comment="请复盘")
    c.refresh_from_db()
    assert c.state == "draft" and qty(co, wh, a) == 10


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["商品编码", "批次", "实盘数量"])
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_excel_import_all_or_nothing(setup):
    co, keeper, wh, a, b = setup
    c = counts.count_create(company=co, actor=keeper, warehouse=wh)
    with pytest.raises(ValidationFailed) as exc:
        counts.count_import(
            count=c,
            actor=keeper,
            rows=counts.read_excel(_xlsx([[a.code, "", 9], ["NOPE", "", 1], [b.code, "B-1", "x"]])),
        )
    assert set(exc.value.fields) == {"row 3", "row 4"}
    assert not c.lines.exclude(counted_qty=None).exists()  # nothing imported
    n = counts.count_import(
        count=c, actor=keeper, rows=counts.read_excel(_xlsx([[a.code, "", 9], [b.code, "B-2", 2]]))
    )
    assert n == 2
    assert c.lines.get(product=a).counted_qty == 9
    new = c.lines.get(product=b, lot__name="B-2")  # a lot found that the books did not know
    assert (new.expected_qty, new.counted_qty) == (0, 2)


def test_count_pages(client, setup):
    co, keeper, wh, a, _b = setup
    client.force_login(keeper)
    r = client.post("/inventory/counts/new/", {"warehouse": wh.pk})
    c = StockCount.objects.filter(company=co).order_by("-id").first()
    assert r["Location"] == c.get_absolute_url()
    page = client.get(c.get_absolute_url()).content.decode()
    assert a.code in page and 'name="counted_' in page
    line = c.lines.get(product=a)
    client.post(f"/inventory/counts/{c.pk}/post/", {f"counted_{line.pk}": "9"})
    c.refresh_from_db()
    assert c.state == "done" and qty(co, wh, a) == 9
