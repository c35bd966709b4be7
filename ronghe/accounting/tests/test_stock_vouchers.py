"""Stock valuation vouchers from StockMoveDone: accounts by where the goods come from or go to, one voucher
per move or per day (lines merged per account and side), and nothing posts into a closed period."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.accounting import closing
from ronghe.accounting.errors import PeriodClosedError
from ronghe.accounting.models import AccountingSettings, Voucher
from ronghe.accounting.services import period_for
from ronghe.inventory.models import StockMove, Transfer
from ronghe.inventory.services import return_create, transfer_create, transfer_validate, warehouse_create
from ronghe.inventory.tests.test_services import product

pytestmark = pytest.mark.django_db


@pytest.fixture
def stock(books):
    co, prep, rev = books
    wh = warehouse_create(company=co, actor=rev, code="W", name="仓")
    p = product(co, cost="10")

    def move(kind, qty, price=None, date=None):
        t = transfer_create(
            company=co,
            actor=rev,
            kind=kind,
            warehouse=wh,
            lines=[{"product": p, "quantity": qty, "price_unit": price}],
        )
        return transfer_validate(transfer=t, actor=rev, date=date)

    return co, rev, move


def lines_of(v):
    return sorted((x.account.code, x.debit, x.credit) for x in v.lines.select_related("account"))


def test_one_voucher_per_move_with_the_right_accounts(stock):
    co, rev, move = stock
    r = move(Transfer.Kind.RECEIPT, 10, "12.00")
    d = move(Transfer.Kind.DELIVERY, 4)
    back = return_create(transfer=r, actor=rev, quantities={r.moves.get().pk: 1})
    transfer_validate(transfer=back, actor=rev)
    vs = list(Voucher.objects.filter(company=co, kind="stock").order_by("number"))
    assert [lines_of(v) for v in vs] == [
        [("1402", D("0.00"), D("120.00")), ("1405", D("120.00"), D("0.00"))],  # 借 库存商品 / 贷 在途物资
        [("1405", D("0.00"), D("48.00")), ("5401", D("48.00"), D("0.00"))],  # 借 主营业务成本 / 贷 库存商品
        [("1402", D("12.00"), D("0.00")), ("1405", D("0.00"), D("12.00"))],  # return to the supplier
    ]
    assert vs[1].source == f"stock.move:{d.moves.get().pk}" and vs[1].prepared_by is None


def test_a_transfer_of_several_lines_books_one_voucher_linked_to_it(stock, books, client):
    co, rev, move = stock
    a, b = product(co, cost="10"), product(co, cost="10")
    wh = warehouse_create(company=co, actor=rev, code="W2", name="二号仓")
    r = transfer_create(
        company=co,
        actor=rev,
        kind=Transfer.Kind.RECEIPT,
        warehouse=wh,
        lines=[
            {"product": a, "quantity": 3, "price_unit": "7.00"},
            {"product": b, "quantity": 2, "price_unit": "5.50"},
        ],
    )
    transfer_validate(transfer=r, actor=rev)
    v = Voucher.objects.get(company=co, source=f"stock.transfer:{r.pk}")
    assert lines_of(v) == [("1402", D("0.00"), D("32.00")), ("1405", D("32.00"), D("0.00"))]  # 21 + 11
    assert {x.summary for x in v.lines.all()} == {f"入库 {r.number}"}
    rev.active_company = co
    rev.save(update_fields=["active_company"])
    client.force_login(rev)
    page = client.get(f"/accounting/vouchers/{v.pk}/").content.decode()
    assert f"/inventory/transfers/{r.pk}/" in page and r.number in page


def test_one_voucher_per_day_merges_lines(stock):
    co, _rev, move = stock
    AccountingSettings.objects.filter(company=co).update(stock_vouchers="day")
    co._accounting_settings = None
    move(Transfer.Kind.RECEIPT, 10, "10.00")
    move(Transfer.Kind.RECEIPT, 5, "10.00")
    move(Transfer.Kind.DELIVERY, 3)
    v = Voucher.objects.get(company=co, kind="stock")
    assert v.source == f"stock.day:{timezone.localdate().isoformat()}"
    assert lines_of(v) == [
        ("1402", D("0.00"), D("150.00")),
        ("1405", D("0.00"), D("30.00")),
        ("1405", D("150.00"), D("0.00")),
        ("5401", D("30.00"), D("0.00")),
    ]
    assert v.total_debit == v.total_credit == D("180.00")


def test_a_stock_move_into_a_closed_period_is_refused(stock, books):
    co, _prep, rev = books
    _co, _rev, move = stock
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    closing.period_close(company=co, period=period_for(co, last_month), actor=rev)
    with pytest.raises(PeriodClosedError):
        move(Transfer.Kind.RECEIPT, 1, "5.00", date=last_month)
    assert not StockMove.objects.filter(company=co, state="done").exists()  # the move rolled back too
