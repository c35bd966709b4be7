"""Moves, quants, reservations, transfers, lots/serials and both valuation methods, with values computed
by hand in the comments."""

import itertools
from decimal import Decimal as D

import pytest

from ronghe.core import events
from ronghe.core.errors import InvalidTransition, ValidationFailed
from ronghe.core.models import Unit
from ronghe.inventory import integrity
from ronghe.inventory.errors import InsufficientStockError, TrackingError
from ronghe.inventory.events import StockMovesDone
from ronghe.inventory.models import LocationUsage, ProductValue, Quant, StockMove, Transfer, Warehouse
from ronghe.inventory.selectors import on_hand
from ronghe.inventory.services import (
    location_create,
    return_create,
    transfer_cancel,
    transfer_create,
    transfer_reserve,
    transfer_validate,
    virtual_location,
)
from ronghe.products.models import CostMethod, ProductCategory, ProductType, Tracking
from ronghe.products.services import product_save

pytestmark = pytest.mark.django_db
_n = itertools.count()
K = Transfer.Kind


@pytest.fixture
def co(demo_company):
    return demo_company


@pytest.fixture
def keeper(users):
    return users["zhaolei"]


@pytest.fixture
def wh(co):
    return Warehouse.objects.get(company=co, code="SH")


def product(
    co, *, method=CostMethod.AVERAGE, tracking=Tracking.NONE, type=ProductType.GOODS, unit="pcs", cost="1"
):
    cat, _ = ProductCategory.objects.get_or_create(
        company=co, name=f"cat-{method}", parent=None, defaults={"cost_method": method}
    )
    return product_save(
        company=co,
        actor=None,
        data={
            "code": f"T{next(_n):05d}",
            "name": "测试物料",
            "uom": Unit.objects.get(code=unit),
            "category": cat,
            "type": type,
            "tracking": tracking,
            "cost": D(cost),
            "vat_rate": D("0.13"),
        },
    )


def receive(co, wh, keeper, p, qty, price, lot=None):
    t = transfer_create(
        company=co,
        actor=keeper,
        kind=K.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": qty, "price_unit": price, "lot": lot}],
    )
    return transfer_validate(transfer=t, actor=keeper)


def deliver(co, wh, keeper, p, qty, lot=None, validate=True):
    t = transfer_create(
        company=co,
        actor=keeper,
        kind=K.DELIVERY,
        warehouse=wh,
        lines=[{"product": p, "quantity": qty, "lot": lot}],
    )
    return transfer_validate(transfer=t, actor=keeper) if validate else t


def value_of(t) -> D:
    return sum((m.value for m in t.moves.filter(state="done")), D(0))


def stock(co, p):
    pv = ProductValue.objects.get(company=co, product=p)
    return on_hand(company=co, product=p)["on_hand"], pv.quantity, pv.value


def assert_integrity():
    assert integrity.check_quants() == []
    assert integrity.check_valuation() == []
    assert integrity.check_periods() == []


# --- valuation ----------------------------------------------------------------------------------------------


def test_moving_weighted_average(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "5.00")  # 10 @ 5.00 = 50.00
    receive(co, wh, keeper, p, 10, "6.00")  # +60.00 → 20 for 110.00, average 5.50
    assert value_of(deliver(co, wh, keeper, p, 5)) == D("-27.50")  # 5 × 5.50
    assert stock(co, p) == (15, 15, D("82.50"))
    receive(co, wh, keeper, p, 5, "7.00")  # +35.00 → 20 for 117.50, average 5.875
    assert value_of(deliver(co, wh, keeper, p, 3)) == D("-17.63")  # 3 × 5.875 = 17.625 → 17.63 (half up)
    assert stock(co, p) == (17, 17, D("99.87"))
    assert value_of(deliver(co, wh, keeper, p, 17)) == D(
        "-99.87"
    )  # the last pieces take the rest: no residue
    assert stock(co, p) == (0, 0, D("0.00"))
    assert_integrity()


def test_fifo_across_three_receipts(co, wh, keeper):
    p = product(co, method=CostMethod.FIFO)
    receive(co, wh, keeper, p, 10, "5.00")  # layer A: 10 @ 5 = 50
    receive(co, wh, keeper, p, 10, "6.00")  # layer B: 10 @ 6 = 60
    receive(co, wh, keeper, p, 10, "7.00")  # layer C: 10 @ 7 = 70
    assert value_of(deliver(co, wh, keeper, p, 25)) == D("-145.00")  # A 50 + B 60 + 5 of C 35
    assert stock(co, p) == (5, 5, D("35.00"))  # 5 @ 7 left
    receive(co, wh, keeper, p, 4, "8.50")  # layer D: 34.00
    assert value_of(deliver(co, wh, keeper, p, 6)) == D("-43.50")  # 5 of C 35.00 + 1 of D 8.50
    assert stock(co, p) == (3, 3, D("25.50"))
    assert_integrity()


def test_stock_move_done_event_carries_quantity_and_value(co, wh, keeper):
    batches = []
    events.subscribe(StockMovesDone, batches.append, after_commit=False)
    try:
        p = product(co)
        receive(co, wh, keeper, p, 4, "2.50")
        deliver(co, wh, keeper, p, 1)
    finally:
        events._in_tx[StockMovesDone].remove(batches.append)
    assert [len(b.moves) for b in batches] == [1, 1]
    seen = [m for b in batches for m in b.moves]
    assert [(e.kind, e.quantity, e.value) for e in seen] == [
        ("in", D(4), D("10.00")),
        ("out", D(1), D("-2.50")),
    ]
    assert seen[1].location_dest_usage == LocationUsage.CUSTOMER and seen[1].product_id == p.pk


# --- stock rules --------------------------------------------------------------------------------------------


def test_negative_stock_refused_and_nothing_changes(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 3, "1")
    t = deliver(co, wh, keeper, p, 5, validate=False)
    assert t.state == "waiting"  # only 3 could be reserved
    with pytest.raises(InsufficientStockError):
        transfer_validate(transfer=t, actor=keeper)
    t.refresh_from_db()
    assert t.state == "waiting" and stock(co, p)[0] == 3
    assert on_hand(company=co, product=p)["reserved"] == 3
    assert_integrity()


def test_negative_stock_allowed_per_warehouse(co, keeper):
    from ronghe.inventory.services import warehouse_create

    loose = warehouse_create(company=co, actor=keeper, code="NEG", name="允许负库存", allow_negative=True)
    p = product(co, cost="4")
    deliver(co, loose, keeper, p, 2)
    assert Quant.objects.get(product=p, location=loose.stock_location).quantity == -2
    assert stock(co, p)[1:] == (-2, D("-8.00"))  # valued at the product's cost
    assert_integrity()


def test_reservation_is_first_come_and_cancel_releases(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "1")
    first = deliver(co, wh, keeper, p, 8, validate=False)
    second = deliver(co, wh, keeper, p, 5, validate=False)
    assert (first.state, second.state) == ("reserved", "waiting")
    assert on_hand(company=co, product=p) == {"on_hand": 10, "reserved": 10, "available": 0}
    transfer_cancel(transfer=first, actor=keeper)
    assert on_hand(company=co, product=p)["reserved"] == 2
    assert transfer_reserve(transfer=second, actor=keeper).state == "reserved"
    transfer_validate(transfer=second, actor=keeper)
    assert on_hand(company=co, product=p) == {"on_hand": 5, "reserved": 0, "available": 5}
    with pytest.raises(InvalidTransition):
        transfer_cancel(transfer=second, actor=keeper)
    assert_integrity()


def test_partial_delivery_creates_a_backorder(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "2")
    t = deliver(co, wh, keeper, p, 10, validate=False)
    move = t.moves.get()
    transfer_validate(transfer=t, actor=keeper, quantities={move.pk: 6})
    t.refresh_from_db()
    bo = t.backorders.get()
    assert t.state == "done" and value_of(t) == D("-12.00")
    assert bo.state == "reserved" and bo.moves.get().quantity == 4
    assert on_hand(company=co, product=p) == {"on_hand": 4, "reserved": 4, "available": 0}
    transfer_validate(transfer=bo, actor=keeper)
    assert stock(co, p) == (0, 0, D("0.00"))
    assert_integrity()


def test_partial_without_backorder_cancels_the_rest(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "2")
    t = deliver(co, wh, keeper, p, 10, validate=False)
    transfer_validate(transfer=t, actor=keeper, quantities={t.moves.get().pk: 7}, backorder=False)
    assert not t.backorders.exists()
    assert on_hand(company=co, product=p) == {"on_hand": 3, "reserved": 0, "available": 3}
    assert_integrity()


def test_partial_receipt(co, wh, keeper):
    p = product(co)
    t = transfer_create(
        company=co,
        actor=keeper,
        kind=K.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 10, "price_unit": "3"}],
    )
    transfer_validate(transfer=t, actor=keeper, quantities={t.moves.get().pk: 4})
    assert stock(co, p) == (4, 4, D("12.00"))
    assert Transfer.objects.get(backorder_of=t).moves.get().quantity == 6
    assert_integrity()


def test_internal_transfer_moves_quants_not_value(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "2")
    shelf = location_create(company=co, actor=keeper, name="A01", parent=wh.stock_location)
    t = transfer_create(
        company=co,
        actor=keeper,
        kind=K.INTERNAL,
        warehouse=wh,
        location_dest=shelf,
        lines=[{"product": p, "quantity": 4}],
    )
    transfer_validate(transfer=t, actor=keeper)
    assert on_hand(company=co, product=p, location=shelf)["on_hand"] == 4
    assert on_hand(company=co, product=p, location=wh.stock_location)["on_hand"] == 6
    assert value_of(t) == 0 and stock(co, p) == (10, 10, D("20.00"))
    assert_integrity()


def test_unit_conversion(co, wh, keeper):
    p = product(co)
    t = transfer_create(
        company=co,
        actor=keeper,
        kind=K.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 2, "unit": Unit.objects.get(code="box"), "price_unit": "1.5"}],
    )
    transfer_validate(transfer=t, actor=keeper)
    assert stock(co, p) == (24, 24, D("36.00"))  # 2 boxes = 24 pieces at 1.50 a piece


def test_services_are_not_stocked(co, wh, keeper):
    svc = product(co, type=ProductType.SERVICE, unit="hour")
    with pytest.raises(ValidationFailed) as exc:
        transfer_create(
            company=co, actor=keeper, kind=K.RECEIPT, warehouse=wh, lines=[{"product": svc, "quantity": 1}]
        )
    assert "lines.0.product" in exc.value.fields


def test_consumables_move_but_are_not_valued(co, wh, keeper):
    c = product(co, type=ProductType.CONSUMABLE)
    receive(co, wh, keeper, c, 5, "9")
    assert on_hand(company=co, product=c)["on_hand"] == 5
    assert not ProductValue.objects.filter(product=c).exists()


# --- returns ------------------------------------------------------------------------------------------------


def test_customer_return_comes_back_at_the_delivery_cost(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "5")
    d = deliver(co, wh, keeper, p, 4)  # -20.00 at average 5
    receive(co, wh, keeper, p, 6, "8")  # now 12 for 78.00, average 6.50
    ret = return_create(transfer=d, actor=keeper, quantities={d.moves.get().pk: 3})
    transfer_validate(transfer=ret, actor=keeper)
    assert ret.kind == "return_in" and value_of(ret) == D("15.00")  # 3 × 5.00, the cost they left with
    assert stock(co, p) == (15, 15, D("93.00"))
    with pytest.raises(ValidationFailed):  # only 1 more can come back
        return_create(transfer=d, actor=keeper, quantities={d.moves.get().pk: 2})
    assert_integrity()


def test_return_to_supplier(co, wh, keeper):
    p = product(co)
    r = receive(co, wh, keeper, p, 10, "5")
    ret = transfer_validate(
        transfer=return_create(transfer=r, actor=keeper, quantities={r.moves.get().pk: 2}), actor=keeper
    )
    assert ret.kind == "return_out" and ret.moves.get().location_dest.usage == LocationUsage.SUPPLIER
    assert stock(co, p) == (8, 8, D("40.00"))
    assert_integrity()


# --- lots and serials ------------------------------------------------------------------------------------------


def test_lot_tracked_product_needs_a_lot_and_keeps_lots_apart(co, wh, keeper):
    p = product(co, tracking=Tracking.LOT)
    with pytest.raises(TrackingError):
        receive(co, wh, keeper, p, 5, "1")
    receive(co, wh, keeper, p, 5, "1", lot="L-A")
    receive(co, wh, keeper, p, 7, "1", lot="L-B")
    t = deliver(co, wh, keeper, p, 6, lot="L-A", validate=False)
    assert t.state == "waiting"  # lot A has only 5, lot B is not touched
    t = deliver(co, wh, keeper, p, 6, lot="L-B")
    assert Quant.objects.get(product=p, lot__name="L-B", location=wh.stock_location).quantity == 1
    assert_integrity()


def test_serial_numbers(co, wh, keeper):
    p = product(co, tracking=Tracking.SERIAL)
    with pytest.raises(TrackingError):
        receive(co, wh, keeper, p, 2, "100", lot="SN-1")  # one piece per serial
    receive(co, wh, keeper, p, 1, "100", lot="SN-1")
    with pytest.raises(TrackingError):
        receive(co, wh, keeper, p, 1, "100", lot="SN-1")  # never in two places
    other = Warehouse.objects.get(company=co, code="SZ")
    with pytest.raises(TrackingError):
        receive(co, other, keeper, p, 1, "100", lot="SN-1")
    d = deliver(co, wh, keeper, p, 1, lot="SN-1")
    transfer_validate(transfer=return_create(transfer=d, actor=keeper), actor=keeper)  # it may come back
    assert on_hand(company=co, product=p)["on_hand"] == 1
    assert_integrity()


# --- integrity --------------------------------------------------------------------------------------------------


def test_integrity_check_finds_a_tampered_quant_and_value(co, wh, keeper):
    p = product(co)
    receive(co, wh, keeper, p, 10, "2")
    assert_integrity()
    Quant.objects.filter(product=p).update(quantity=D(11))
    ProductValue.objects.filter(product=p).update(value=D("1.00"))
    assert any(f"product {p.pk}" in x for x in integrity.check_quants())
    assert any(f"product {p.pk}" in x for x in integrity.check_valuation())


def test_demo_stock_is_consistent(co):
    assert StockMove.objects.filter(company=co, state="done").exists()
    assert virtual_location(co, LocationUsage.SUPPLIER).usage == LocationUsage.SUPPLIER
    assert_integrity()


def test_stock_summary_by_month(co, wh, keeper):
    from datetime import timedelta

    from django.utils import timezone

    from ronghe.inventory.selectors import stock_summary

    # last month and this month: open periods whatever the day the suite runs (the demo closes older months)
    this = timezone.localdate().replace(day=1)
    last = (this - timedelta(days=1)).replace(day=1)
    last_end, this_end = (
        this - timedelta(days=1),
        (this + timedelta(days=32)).replace(day=1) - timedelta(days=1),
    )

    p = product(co)
    r = transfer_create(
        company=co,
        actor=keeper,
        kind=K.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 10, "price_unit": "5"}],
    )
    transfer_validate(transfer=r, actor=keeper, date=last.replace(day=15))
    d = transfer_create(
        company=co, actor=keeper, kind=K.DELIVERY, warehouse=wh, lines=[{"product": p, "quantity": 4}]
    )
    transfer_validate(transfer=d, actor=keeper, date=this)

    def row(a, b):
        return next(x for x in stock_summary(company=co, date_from=a, date_to=b, product_ids=[p.pk]))

    oct_ = row(last, last_end)
    nov = row(this, this_end)
    both = row(last, this_end)
    assert (oct_["open_qty"], oct_["in_value"], oct_["out_qty"], oct_["close_value"]) == (
        0,
        D("50.00"),
        0,
        D("50.00"),
    )
    assert (nov["open_qty"], nov["open_value"], nov["out_value"], nov["close_qty"], nov["close_value"]) == (
        10,
        D("50.00"),
        D("20.00"),
        6,
        D("30.00"),
    )
    assert (both["open_qty"], both["in_qty"], both["out_qty"], both["close_value"]) == (0, 10, 4, D("30.00"))
    assert_integrity()


def test_stock_report_rows_match_the_quants(co, wh, keeper):
    from ronghe.inventory.selectors import stock_report_rows

    p = product(co)
    receive(co, wh, keeper, p, 8, "2.50")
    deliver(co, wh, keeper, p, 3, validate=False)
    row = next(r for r in stock_report_rows(company=co, warehouse=wh, q=p.code))
    assert (row["on_hand"], row["reserved"], row["available"], row["value"]) == (8, 3, 5, D("20.00"))


def test_lot_trace_and_stock_age(co, wh, keeper, client):
    from datetime import date, timedelta

    from ronghe.inventory.selectors import lot_trace, stock_age

    p = product(co, tracking=Tracking.LOT)
    r = transfer_create(
        company=co,
        actor=keeper,
        kind=K.RECEIPT,
        warehouse=wh,
        lines=[{"product": p, "quantity": 5, "price_unit": "2", "lot": "TR-1"}],
    )
    transfer_validate(transfer=r, actor=keeper, date=date.today() - timedelta(days=200))
    receive(co, wh, keeper, p, 3, "2", lot="TR-2")
    deliver(co, wh, keeper, p, 2, lot="TR-1")
    trace = lot_trace(company=co, lot=r.moves.get().lot)
    assert [m.transfer.kind for m in trace["moves"]] == ["receipt", "delivery"]
    assert trace["quants"][0].quantity == 3
    row = next(x for x in stock_age(company=co) if x["product_id"] == p.pk)
    assert (
        row["buckets"] == [3, 0, 0, 3] and row["total_qty"] == 6
    )  # 3 recent, 3 of the 200-day-old receipt left
    client.force_login(keeper)
    assert client.get("/inventory/lots/?q=TR-1").status_code == 302
    assert "TR-1" in client.get(f"/inventory/lots/{r.moves.get().lot.pk}/").content.decode()
    assert client.get("/inventory/age/").status_code == 200


def test_a_delivery_costs_a_bounded_number_of_queries(co, wh, keeper, django_assert_max_num_queries):
    """Create, reserve and ship one line: 43 statements for the stock (savepoints included) and 11 for the
    accounting's stock voucher; more means a regression such as an N+1 or a re-read nobody needs."""
    p = product(co)
    receive(co, wh, keeper, p, 10, "5.00")
    deliver(co, wh, keeper, p, 1)  # first delivery of the month creates the month balance row
    with django_assert_max_num_queries(56):
        t = deliver(co, wh, keeper, p, 1)
    assert t.state == "done" and stock(co, p) == (8, 8, D("40.00"))
