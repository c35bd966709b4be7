"""CRM reports, read through the selectors (so each user sees their scope): the funnel by stage, conversion
by lead source, win rate and cycle time by salesperson, follow-ups per salesperson per week."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from . import selectors, services
from .states import LeadStatus, OpportunityState

CENT = Decimal("0.01")


def funnel(*, user, company) -> list[dict]:
    """Open opportunities per stage of the user's pipeline (count, amount, weighted); won at the end."""
    team = services.team_of(user, company)
    stages = services.stages_for(company, team)
    qs = selectors.opportunity_list(user=user, company=company)
    open_rows = {
        r["stage_id"]: r
        for r in qs.filter(state=OpportunityState.OPEN)
        .order_by()
        .values("stage_id")
        .annotate(n=Count("pk"), amount=Sum("expected_amount"))
    }
    won = (
        qs.filter(state=OpportunityState.WON)
        .order_by()
        .aggregate(n=Count("pk"), amount=Sum("expected_amount"))
    )
    out = []
    for s in stages:
        if s.is_won:
            out.append(
                {
                    "stage": s.name,
                    "count": won["n"] or 0,
                    "amount": Decimal(won["amount"] or 0).quantize(CENT),
                    "weighted": Decimal(won["amount"] or 0).quantize(CENT),
                }
            )
            continue
        r = open_rows.get(s.pk, {})
        amount = Decimal(r.get("amount") or 0).quantize(CENT)
        out.append(
            {
                "stage": s.name,
                "count": r.get("n", 0),
                "amount": amount,
                "weighted": (amount * s.probability / 100).quantize(Decimal("0.01")),
            }
        )
    return out


def conversion_by_source(*, user, company) -> list[dict]:
    from .states import LeadSource

    rows = (
        selectors.lead_list(user=user, company=company)
        .order_by()
        .values("source", "status")
        .annotate(n=Count("pk"))
    )
    by: dict[str, dict] = {}
    for r in rows:
        d = by.setdefault(r["source"], {"total": 0, "converted": 0, "disqualified": 0})
        d["total"] += r["n"]
        if r["status"] == LeadStatus.CONVERTED:
            d["converted"] += r["n"]
        elif r["status"] == LeadStatus.DISQUALIFIED:
            d["disqualified"] += r["n"]
    labels = dict(LeadSource.choices)
    return [
        {
            "source": str(labels.get(k, k)),
            **d,
            "rate": (Decimal(d["converted"]) * 100 / d["total"]).quantize(Decimal("0.1"))
            if d["total"]
            else Decimal(0),
        }
        for k, d in sorted(by.items(), key=lambda kv: -kv[1]["total"])
    ]


def win_rate_by_salesperson(*, user, company) -> list[dict]:
    """Closed opportunities per owner: won, lost, win rate, average days from creation to winning."""
    closed = selectors.opportunity_list(user=user, company=company).filter(
        state__in=[OpportunityState.WON, OpportunityState.LOST]
    )
    by: dict = {}
    for o in closed.select_related(None).select_related("owner"):
        d = by.setdefault(o.owner, {"won": 0, "lost": 0, "days": [], "amount": Decimal(0)})
        if o.state == OpportunityState.WON:
            d["won"] += 1
            d["amount"] += o.expected_amount
            if o.closed_at:
                d["days"].append((o.closed_at - o.created_at).total_seconds() / 86400)
        else:
            d["lost"] += 1
    return [
        {
            "salesperson": str(owner),
            "won": d["won"],
            "lost": d["lost"],
            "rate": (Decimal(d["won"]) * 100 / (d["won"] + d["lost"])).quantize(Decimal("0.1")),
            "cycle_days": Decimal(str(round(sum(d["days"]) / len(d["days"]), 1))) if d["days"] else None,
            "won_amount": d["amount"],
        }
        for owner, d in sorted(by.items(), key=lambda kv: -kv[1]["won"])
    ]


def followups_per_week(*, user, company, weeks: int = 8) -> dict:
    """{"weeks": [week start dates], "rows": [{"salesperson", "counts": [per week], "total"}]}."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    starts = [start + datetime.timedelta(days=7 * i) for i in range(weeks)]
    by: dict = {}
    for f in (
        selectors.followup_list(user=user, company=company)
        .filter(at__date__gte=start)
        .select_related(None)
        .select_related("created_by")
    ):
        week = (timezone.localtime(f.at).date() - start).days // 7
        if 0 <= week < weeks:
            counts = by.setdefault(str(f.created_by or "—"), [0] * weeks)
            counts[week] += 1
    rows = [
        {"salesperson": k, "counts": v, "total": sum(v)}
        for k, v in sorted(by.items(), key=lambda kv: -sum(kv[1]))
    ]
    return {"weeks": starts, "rows": rows}
