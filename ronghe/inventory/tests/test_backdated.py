"""Backdated moves under the moving average, with values computed by hand. Nothing is queued: the value row,
layers, moves and month balances agree when the transaction commits."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from ronghe.core import events
from ronghe.inventory import integrity
from ronghe.inventory.counts import settings_for
from ronghe.inventory.events import StockValueAdjusted
from ronghe.inventory.models import (
    InventorySettings,
    ProductValue,
    StockMove,
    Transfer,
    ValuationLayer,
    Warehouse,
)
from ronghe.inventory.services import transfer_create, transfer_validate
from ronghe.inventory.tests.test_services import product

pytestmark = pytest.mark.django_db
K = Transfer.Kind


def day(n: int) -> date:
    """Day n of last month: always in the past and in an open period (the demo closes older months)."""
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=1)).replace(day=n)


def move(co, wh, user, p, kind, qty, on, price=None):
    t = transfer_create(
        company=co,
        actor=user,
        kind=kind,
        warehouse=wh,
        lines=[{"product": p, "quantity": qty, "price_unit": price}],
    )
    transfer_validate(transfer=t, actor=user, date=on)
    return t.moves.get()


@pytest.fixture
def ctx(demo_company, users):
    co = demo_company
    return co, Warehouse.objects.get(company=co, code="SH"), users["zhaolei"]


def history(ctx):
    """Day 1 receive 10 @ 10.00; day 10 deliver 5 (−50.00); day 20 deliver 2 (−20.00): 3 left worth 30.00."""
    co, wh, u = ctx
    p = product(co)
    move(co, wh, u, p, K.RECEIPT, 10, day(1), "10")
    d1 = move(co, wh, u, p, K.DELIVERY, 5, day(10))
    d2 = move(co, wh, u, p, K.DELIVERY, 2, day(20))
    assert (d1.value, d2.value) == (D("-50.00"), D("-20.00"))
    return p, d1, d2


def check():
    assert (
        integrity.check_quants() == []
        and integrity.check_valuation() == []
        and integrity.check_periods() == []
    )


def test_backdated_receipt_posts_one_adjustment_today(ctx):
    co, wh, u = ctx
    p, d1, d2 = history(ctx)
    seen = []
    events.subscribe(StockValueAdjusted, seen.append, after_commit=False)
    try:
        # day 5 receive 10 @ 16.00: from then the average is 260 / 20 = 13.00, so the deliveries should have
        # cost 5 × 13 = 65.00 (not 50) and 2 × 13 = 26.00 (not 20): 21.00 more, taken from the stock today.
        move(co, wh, u, p, K.RECEIPT, 10, day(5), "16")
    finally:
        events._in_tx[StockValueAdjusted].remove(seen.append)
    pv = ProductValue.objects.get(product=p)
    assert (pv.quantity, pv.value) == (13, D("169.00"))  # 3 + 10 pieces; 30 + 160 − 21
    adj = ValuationLayer.objects.get(product=p, move__isnull=True)
    assert (adj.quantity, adj.value) == (0, D("-21.00"))
    d1.refresh_from_db()
    assert d1.value == D("-50.00")  # done deliveries keep their value under this policy
    assert [(e.value, e.reason) for e in seen] == [(D("-21.00"), "backdated")]
    check()


def test_backdated_receipt_recosts_the_later_deliveries(ctx):
    co, wh, u = ctx
    InventorySettings.objects.filter(pk=settings_for(co).pk).update(backdate_policy="recost")
    p, d1, d2 = history(ctx)
    move(co, wh, u, p, K.RECEIPT, 10, day(5), "16")
    d1.refresh_from_db()
    d2.refresh_from_db()
    assert (d1.value, d2.value) == (D("-65.00"), D("-26.00"))
    assert ProductValue.objects.get(product=p).value == D("169.00")
    assert not ValuationLayer.objects.filter(product=p, move__isnull=True).exists()
    check()


def test_backdated_delivery_is_costed_at_its_date(ctx):
    co, wh, u = ctx
    InventorySettings.objects.filter(pk=settings_for(co).pk).update(backdate_policy="recost")
    p = product(co)
    move(co, wh, u, p, K.RECEIPT, 10, day(1), "10")
    move(co, wh, u, p, K.RECEIPT, 10, day(10), "20")  # average now 15.00
    # a delivery of 4 dated day 5, when the average was 10.00: 40.00, not 4 × 15 = 60.00
    d = move(co, wh, u, p, K.DELIVERY, 4, day(5))
    assert StockMove.objects.get(pk=d.pk).value == D("-40.00")
    assert ProductValue.objects.get(product=p).value == D("260.00")  # 100 − 40 + 200
    check()


def test_backdated_delivery_with_the_adjustment_policy(ctx):
    co, wh, u = ctx
    p = product(co)
    move(co, wh, u, p, K.RECEIPT, 10, day(1), "10")
    move(co, wh, u, p, K.RECEIPT, 10, day(10), "20")
    d = move(co, wh, u, p, K.DELIVERY, 4, day(5))
    assert StockMove.objects.get(pk=d.pk).value == D("-60.00")  # valued when entered
    assert ValuationLayer.objects.get(product=p, move__isnull=True).value == D(
        "20.00"
    )  # 60 − 40 given back today
    assert ProductValue.objects.get(product=p).value == D("260.00")
    check()


def test_todays_moves_do_not_replay(ctx):
    co, wh, u = ctx
    p = product(co)
    move(co, wh, u, p, K.RECEIPT, 10, date.today(), "10")
    assert not ValuationLayer.objects.filter(product=p, move__isnull=True).exists()
