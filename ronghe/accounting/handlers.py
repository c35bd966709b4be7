"""Reactions to other modules' events, in their transaction (DESIGN §4): the stock valuation voucher of a
done move stands or falls with the move."""

from decimal import Decimal

from django.utils.translation import gettext as _

from ronghe.inventory.events import StockMovesDone, StockValueAdjusted

from .models import AccountingSettings, Voucher, VoucherLine
from .services import _write_lines, leaves_for, period_for, voucher_create, voucher_create_in_transaction
from .states import VoucherState

# the account on the other side of the stock account, by the location the goods come from / go to
CONTRA = {
    "supplier": "goods_in_transit_account",  # 借 库存商品 / 贷 在途物资 until the supplier bill clears it
    "customer": "cost_of_sales_account",  # deliveries and customer returns
    "inventory": "stock_loss_account",  # counts, scrap, opening stock: 待处理财产损溢
    "production": "production_account",
    "transit": "goods_in_transit_account",
}


def _ready(company_id) -> AccountingSettings | None:
    """The company's settings when it keeps its books here (the chart installs them), else None."""
    s = AccountingSettings.objects.select_related("company").filter(company_id=company_id).first()
    if s is None or s.stock_vouchers == AccountingSettings.StockVouchers.OFF:
        return None
    s.company._accounting_settings = s
    return s


def _lines(s: AccountingSettings, company, *, value: Decimal, other_usage: str, summary: str) -> list[dict]:
    contra_code = getattr(s, CONTRA.get(other_usage, "stock_loss_account"))
    accounts = leaves_for(company, [s.stock_account, contra_code])
    stock, contra = accounts[s.stock_account], accounts[contra_code]
    if value > 0:  # into stock
        return [
            {"summary": summary, "account": stock, "debit": value},
            {"summary": summary, "account": contra, "credit": value},
        ]
    return [
        {"summary": summary, "account": contra, "debit": -value},
        {"summary": summary, "account": stock, "credit": -value},
    ]


def _book(s: AccountingSettings, *, date, lines: list[dict], source: str) -> None:
    company = s.company
    word = "转" if s.words == AccountingSettings.Words.SPLIT else "记"
    if s.stock_vouchers == AccountingSettings.StockVouchers.MOVE:  # inside the move's transaction
        voucher_create_in_transaction(
            company=company,
            actor=None,
            date=date,
            lines=lines,
            word=word,
            kind=Voucher.Kind.STOCK,
            source=source,
            source_is_unique=source.startswith(("stock.move:", "stock.transfer:")),
        )
        return
    # one voucher per day: the day's draft stock voucher takes the new lines (merged per account and side)
    day_source = f"stock.day:{date.isoformat()}"
    v = (
        Voucher.objects.select_for_update()
        .filter(company=company, source=day_source, state=VoucherState.DRAFT)
        .first()
    )
    if v is None:
        if Voucher.objects.filter(company=company, source=day_source).exists():  # reviewed: a second one
            day_source = f"{day_source}:{Voucher.objects.filter(company=company, source__startswith=day_source).count() + 1}"
        voucher_create(
            company=company,
            actor=None,
            date=date,
            lines=lines,
            word=word,
            kind=Voucher.Kind.STOCK,
            source=day_source,
            note=_("Stock valuation of %(date)s") % {"date": date.isoformat()},
        )
        return
    period_for(company, date)
    merged = {}
    for x in v.lines.select_related("account"):
        merged[(x.account_id, "debit" if x.debit else "credit")] = x
    new = []
    for data in lines:
        side = "debit" if data.get("debit") else "credit"
        x = merged.get((data["account"].pk, side))
        if x is None:
            x = VoucherLine(
                company=company,
                summary=_("Stock valuation of %(date)s") % {"date": date.isoformat()},
                account=data["account"],
                seq=len(merged) + len(new) + 1,
            )
            new.append(x)
            merged[(data["account"].pk, side)] = x
        setattr(x, side, getattr(x, side) + data[side])
    existing = [x for x in merged.values() if x.pk]
    VoucherLine.objects.bulk_update(existing, ["debit", "credit"])
    _write_lines(v, new)
    all_lines = list(merged.values())
    v.total_debit = sum((x.debit for x in all_lines), Decimal(0))
    v.total_credit = sum((x.credit for x in all_lines), Decimal(0))
    v.save(update_fields=["total_debit", "total_credit", "updated_at"])


def on_stock_moves_done(event: StockMovesDone) -> None:
    """One stock voucher for the moves done together (a delivery, a receipt): their lines merged per account
    and side. Source "stock.move:<id>" for a single move, "stock.transfer:<id>" for a transfer's moves."""
    moves = [m for m in event.moves if m.kind in ("in", "out") and m.value]
    if not moves:
        return
    s = _ready(event.company_id)
    if s is None:
        return
    by_date: dict = {}
    for m in moves:
        by_date.setdefault(m.date, []).append(m)
    for date, group in sorted(by_date.items()):
        totals: dict = {}  # per direction, the location on the other side and reference: the summed value
        for m in group:
            other = m.location_src_usage if m.kind == "in" else m.location_dest_usage
            key = (m.kind, other, m.reference or f"#{m.move_id}")
            totals[key] = totals.get(key, 0) + m.value
        merged: dict = {}
        for (kind, other, reference), value in totals.items():
            ref = {"reference": reference}
            summary = (
                _("Stock in %(reference)s") % ref if kind == "in" else _("Stock out %(reference)s") % ref
            )
            for line in (
                _lines(s, s.company, value=value, other_usage=other, summary=summary) if value else []
            ):
                side = "debit" if line.get("debit") else "credit"
                key = (line["account"].pk, side, line["summary"])
                if key in merged:
                    merged[key][side] += line[side]
                else:
                    merged[key] = line
        lines = [x for x in merged.values() if x.get("debit") or x.get("credit")]
        if len(event.moves) > 1 and event.transfer_id and len(by_date) == 1:
            source = f"stock.transfer:{event.transfer_id}"
        else:
            source = f"stock.move:{group[0].move_id}"
        _book(s, date=date, lines=lines, source=source)


def on_stock_value_adjusted(event: StockValueAdjusted) -> None:
    """A backdated move changed what later deliveries cost: stock value against cost of sales."""
    if not event.value:
        return
    s = _ready(event.company_id)
    if s is None:
        return
    summary = _("Stock value adjusted (backdated move)")
    lines = _lines(s, s.company, value=event.value, other_usage="customer", summary=summary)
    source = f"stock.adjust:{event.move_id or 0}:{event.date.isoformat()}:{event.product_id}"
    if Voucher.objects.filter(company_id=event.company_id, source=source).exists():
        source = f"{source}:{Voucher.objects.filter(company_id=event.company_id, source__startswith=source).count()}"
    _book(s, date=event.date, lines=lines, source=source)


def on_partners_merged(event) -> None:
    """Balances kept per partner move to the winner: a row whose dimensions now equal one of the winner's is
    added to it (the maintained balances stay equal to the sum of the posted lines)."""
    from .models import AccountBalance, dim_key

    rows = list(
        AccountBalance.objects.select_for_update()
        .filter(company_id=event.company_id, partner_id__in=[event.winner_id, event.loser_id])
        .order_by("pk")
    )
    existing = {(b.period, b.account_id, b.dim_key): b for b in rows if b.partner_id == event.winner_id}
    for b in rows:
        if b.partner_id != event.loser_id:
            continue
        key = dim_key(event.winner_id, b.department_id, b.employee_id, b.project_id)
        target = existing.get((b.period, b.account_id, key))
        if target is None:
            b.partner_id, b.dim_key = event.winner_id, key
            b.save(update_fields=["partner", "dim_key"])
            existing[(b.period, b.account_id, key)] = b
        else:
            target.debit += b.debit
            target.credit += b.credit
            target.save(update_fields=["debit", "credit"])
            b.delete()
