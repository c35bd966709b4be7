"""Backdated moves under the moving average, settled in the move's own transaction — never a repost queue.

When a valued move is dated before moves already done for the product, the later deliveries were costed at
an average that did not include it. We replay the product's layers from that date, in (date, id) order,
and compute what each later outgoing layer should have cost. The company setting decides what happens to
the difference:
- "adjust" (default): one explicit adjustment layer dated today (the open period) carries the sum;
- "recost": each later delivery is re-valued (its layer, its move, its month's balance), within a bounded
  window of RECOST_WINDOW layers; beyond that the adjustment is posted instead.
Either way the value row, the layers, the moves and the month balances agree when the transaction commits.
Under FIFO a backdated receipt takes its place in the queue by date for the deliveries still to come.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, Sum
from django.utils import timezone

from ronghe.core import events

from .events import StockValueAdjusted
from .models import InventorySettings, StockMove, StockPeriodBalance, ValuationLayer

RECOST_WINDOW = 5000
CENT = Decimal("0.01")


def _money(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def _cost_out(out: Decimal, q: Decimal, v: Decimal, current: Decimal) -> Decimal:
    """What an outgoing quantity costs at the running (q, v), the way `_value_out` values it."""
    if q <= 0:
        return current  # no stock to average: keep the value it was given
    if out >= q:
        return v + (_money((out - q) * (v / q)) if out > q else Decimal(0))
    return _money(out * (v / q))


def settle_backdated(move, layer: ValuationLayer, pv) -> Decimal:
    """Called by `_done` right after the move's new `layer` was written and the locked value row `pv`
    updated. Returns the value difference applied (0 when nothing later was affected)."""
    later = list(
        ValuationLayer.objects.select_for_update()
        .filter(company=move.company, product=move.product)
        .filter(Q(date__gt=layer.date) | Q(date=layer.date, id__gt=layer.pk))
        .order_by("date", "id")
    )
    if not later:
        return Decimal(0)
    before = (
        ValuationLayer.objects.filter(company=move.company, product=move.product)
        .filter(Q(date__lt=layer.date) | Q(date=layer.date, id__lt=layer.pk))
        .aggregate(q=Sum("quantity"), v=Sum("value"))
    )
    q, v = before["q"] or Decimal(0), before["v"] or Decimal(0)
    changes = []
    for lay in [layer, *later]:
        if lay.quantity > 0 or lay.move_id is None:  # receipts and earlier adjustments
            q, v = q + lay.quantity, v + lay.value
            continue
        out = -lay.quantity
        should = _cost_out(out, q, v, -lay.value)
        d = -should - lay.value  # new signed value − old signed value
        if d:
            changes.append((lay, d))
        q, v = q - out, v - should
    diff = sum((d for _lay, d in changes), Decimal(0))
    if not diff:
        return diff
    policy = (
        InventorySettings.objects.filter(company=move.company)
        .values_list("backdate_policy", flat=True)
        .first()
    )
    if policy == InventorySettings.Backdate.RECOST and len(later) <= RECOST_WINDOW:
        for lay, d in changes:
            lay.value += d
            lay.unit_cost = lay.value / lay.quantity
            lay.save(update_fields=["value", "unit_cost"])
            StockMove.objects.filter(pk=lay.move_id).update(value=lay.value)
            if lay.move_id == move.pk:
                move.value = lay.value
            StockPeriodBalance.objects.filter(
                company=move.company, product=move.product, period=lay.date.year * 100 + lay.date.month
            ).update(out_value=F("out_value") - d)
            if lay.move_id != move.pk:  # the move itself announces its (final) value in StockMoveDone
                events.publish(
                    StockValueAdjusted(
                        company_id=move.company_id,
                        product_id=move.product_id,
                        value=d,
                        date=lay.date,
                        move_id=lay.move_id,
                        reason="recost",
                    )
                )
    else:
        today = timezone.localdate()
        ValuationLayer.objects.create(
            company=move.company,
            product=move.product,
            move=None,
            date=today,
            quantity=Decimal(0),
            value=diff,
            unit_cost=Decimal(0),
        )
        period = today.year * 100 + today.month
        if not StockPeriodBalance.objects.filter(
            company=move.company, product=move.product, period=period
        ).update(out_value=F("out_value") - diff):
            StockPeriodBalance.objects.create(
                company=move.company, product=move.product, period=period, out_value=-diff
            )
        events.publish(
            StockValueAdjusted(
                company_id=move.company_id,
                product_id=move.product_id,
                value=diff,
                date=today,
                move_id=move.pk,
                reason="backdated",
            )
        )
    pv.value += diff
    pv.save(update_fields=["value"])
    return diff
