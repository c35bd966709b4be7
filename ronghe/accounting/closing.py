"""Period close (结账): every voucher posted, 结转损益 generated and posted, the period closed; reopening
(反结账) of the latest closed period for a permitted role, with a reason."""

import calendar
import datetime
from collections import defaultdict

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.scoping import has_perm
from ronghe.core.transactions import service_transaction

from .models import ZERO, Account, AccountBalance, AccountCategory, Period, Voucher, cents
from .services import _post, leaf_for, settings_for, voucher_create
from .states import PeriodState, VoucherState


def _require(actor, company):
    if not has_perm(actor, company, "accounting.close_period"):
        raise PermissionDenied(_("You may not close or reopen accounting periods."))


def _pl_balances(company, period: Period) -> list[tuple]:
    """(account, dims, debit − credit) of every profit-and-loss account with a balance in the year up to
    and including `period` (what 结转损益 has to move to 本年利润)."""
    rows = (
        AccountBalance.objects.filter(
            company=company,
            account__category=AccountCategory.PROFIT_LOSS,
            period__gte=period.year * 100,
            period__lte=period.key,
        )
        .values("account", "dim_key", "partner", "department", "employee", "project")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("account__code", "dim_key")
    )
    accounts = {
        a.pk: a for a in Account.objects.filter(company=company, category=AccountCategory.PROFIT_LOSS)
    }
    return [
        (accounts[r["account"]], r, cents(r["d"]) - cents(r["c"]))
        for r in rows
        if cents(r["d"]) != cents(r["c"])
    ]


def closing_lines(company, period: Period) -> list[dict]:
    """The lines of the 结转损益 voucher: each P&L balance reversed, the net to 本年利润; in December
    also 本年利润 to 利润分配—未分配利润."""
    s = settings_for(company)
    profit = leaf_for(company, s.profit_account)
    lines, net = [], ZERO
    summary = _("Carry profit and loss to current year profit")
    for account, dims, balance in _pl_balances(company, period):
        dim = {d: dims[d] for d in ("partner", "department", "employee", "project") if dims[d]}
        side = {"credit": balance} if balance > 0 else {"debit": -balance}
        lines.append({"summary": summary, "account": account, **side, **dim})
        net += balance
    if net:
        lines.append(
            {"summary": summary, "account": profit, **({"debit": net} if net > 0 else {"credit": -net})}
        )
    if period.month == 12:
        year_profit = AccountBalance.objects.filter(
            company=company, account=profit, period__gte=0, period__lte=period.key
        ).aggregate(d=Sum("debit"), c=Sum("credit"))
        balance = cents(year_profit["d"]) - cents(year_profit["c"]) + net
        if balance:
            retained = leaf_for(company, s.retained_earnings_account)
            text = _("Carry current year profit to undistributed profit")
            lines.append(
                {
                    "summary": text,
                    "account": profit,
                    **({"credit": balance} if balance > 0 else {"debit": -balance}),
                }
            )
            lines.append(
                {
                    "summary": text,
                    "account": retained,
                    **({"debit": balance} if balance > 0 else {"credit": -balance}),
                }
            )
    return lines


@service_transaction
def period_close(*, company, period: Period, actor) -> Period:
    """结账: earlier periods closed, every voucher of this one posted; the 结转损益 voucher is generated,
    reviewed by the closing user and posted; then the period closes."""
    _require(actor, company)
    period = Period.objects.select_for_update(no_key=True).get(pk=period.pk, company=company)
    if period.state != PeriodState.OPEN:
        raise InvalidTransition(_("Period %(period)s is already closed.") % {"period": period})
    first = (
        Period.objects.filter(company=company, state=PeriodState.OPEN)
        .filter(Q(year__lt=period.year) | Q(year=period.year, month__lt=period.month))
        .order_by("year", "month")
        .first()
    )
    if first is not None:
        raise InvalidTransition(_("Close %(period)s first: periods close in order.") % {"period": first})
    unposted = Voucher.objects.filter(period=period).exclude(state=VoucherState.POSTED)
    if unposted.exists():
        numbers = ", ".join(str(v) for v in unposted.order_by("word", "number")[:10])
        raise InvalidTransition(
            _("%(n)s vouchers of %(period)s are not posted yet (%(numbers)s): review and post them first.")
            % {"n": unposted.count(), "period": period, "numbers": numbers}
        )
    lines = closing_lines(company, period)
    if lines:
        last_day = datetime.date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])
        v = voucher_create(
            company=company,
            actor=None,
            date=last_day,
            lines=lines,
            word="转" if settings_for(company).words == "split" else "记",
            kind=Voucher.Kind.CLOSING,
            note=_("Profit and loss carried forward %(period)s") % {"period": period},
        )
        v.state, v.reviewed_by, v.reviewed_at = VoucherState.REVIEWED, actor, timezone.now()
        v.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
        _post(v, actor)
    audit_transition(period, action="close", from_state=period.state, to_state=PeriodState.CLOSED)
    period.state, period.closed_by, period.closed_at = PeriodState.CLOSED, actor, timezone.now()
    period.save(update_fields=["state", "closed_by", "closed_at", "updated_at"])
    return period


@service_transaction
def period_reopen(*, company, period: Period, actor, reason: str) -> Period:
    """反结账: only the latest closed period, with a reason (logged). Posted vouchers stay posted; closing
    again carries forward only what was posted after the reopening."""
    _require(actor, company)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason for reopening the period.")]})
    period = Period.objects.select_for_update(no_key=True).get(pk=period.pk, company=company)
    if period.state != PeriodState.CLOSED:
        raise InvalidTransition(_("Period %(period)s is open.") % {"period": period})
    later = Period.objects.filter(company=company, state=PeriodState.CLOSED).exclude(pk=period.pk)
    if any(p.key > period.key for p in later):
        raise InvalidTransition(_("Reopen the later closed periods first (in reverse order)."))
    audit_transition(
        period, action="reopen", from_state=period.state, to_state=PeriodState.OPEN, extra={"reason": reason}
    )
    period.state, period.closed_by, period.closed_at = PeriodState.OPEN, None, None
    period.save(update_fields=["state", "closed_by", "closed_at", "updated_at"])
    return period


def pl_left(company, period: Period) -> dict:
    """P&L balances left after closing, per account code (empty when the close carried everything)."""
    out = defaultdict(lambda: ZERO)
    for account, _dims, balance in _pl_balances(company, period):
        out[account.code] += balance
    return {k: v for k, v in out.items() if v}
