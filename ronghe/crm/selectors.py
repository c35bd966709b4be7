"""CRM reads, scoped by company and data scope: a salesperson sees their own leads, opportunities and
customers plus the public pool; a manager sees the team's (department scope); the company scope sees all."""

import datetime

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from ronghe.core.scoping import has_perm, membership_for, require_perm, scope_queryset
from ronghe.partners.models import Partner

from .models import FollowUp, Lead, Opportunity, OwnershipChange, SalesTeam, Stage
from .states import OpportunityState


def team_list(*, company):
    return (
        SalesTeam.objects.filter(company=company)
        .select_related("leader")
        .prefetch_related(
            "members", Prefetch("stages", queryset=Stage.objects.filter(active=True).order_by("seq", "pk"))
        )
        .order_by("name", "pk")
    )


def lead_list(*, user, company, status: str = "", q: str = ""):
    """The leads the user's scope allows, plus the unowned ones waiting for an owner: those of the user's
    teams (to take), and for managers also those of no team (to assign)."""
    base = Lead.objects.select_related("owner", "team", "partner")
    qs = scope_queryset(base, user=user, company=company, perm="crm.view_lead")
    if membership_for(user, company) is not None:
        teams = SalesTeam.objects.filter(company=company).filter(Q(members=user) | Q(leader=user))
        waiting = Q(team__in=teams.values("pk"))
        if has_perm(user, company, "crm.manage_customers"):
            waiting |= Q(team__isnull=True)
        qs = qs | base.filter(company=company, owner__isnull=True).filter(waiting)
    if status:
        qs = qs.filter(status=status)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(company_name__icontains=q)
            | Q(contact_name__icontains=q)
            | Q(phone__contains=q)
            | Q(email__icontains=q)
        )
    return qs.order_by("-id")


def lead_get_for_user(*, pk, user, company) -> Lead:
    return lead_list(user=user, company=company).get(pk=pk)


def opportunity_list(*, user, company, state: str = "", mine: bool = False, q: str = "", filter: str = ""):
    qs = scope_queryset(
        Opportunity.objects.select_related("partner", "owner", "stage", "team"),
        user=user,
        company=company,
        perm="crm.view_opportunity",
    )
    if state:
        qs = qs.filter(state=state)
    if mine:
        qs = qs.filter(owner=user)
    today = timezone.localdate()
    if filter == "closing":  # closing this month
        qs = qs.filter(close_date__year=today.year, close_date__month=today.month)
    elif filter == "stale":  # no stage change for 30 days
        qs = qs.filter(
            state=OpportunityState.OPEN, stage_changed_at__lt=timezone.now() - datetime.timedelta(days=30)
        )
    if q:
        q = q.strip()
        qs = qs.filter(Q(name__icontains=q) | Q(partner__name__icontains=q))
    return qs.order_by("-id")


def opportunity_get_for_user(*, pk, user, company) -> Opportunity:
    return opportunity_list(user=user, company=company).get(pk=pk)


def pool_list(*, user, company, q: str = ""):
    """The public pool (公海): active customers without an owner, visible to everyone who may hold customers."""
    if company is None or membership_for(user, company) is None:
        return Partner.objects.none()
    require_perm(user, company, "crm.view_opportunity")
    qs = Partner.objects.filter(
        company=company, is_customer=True, active=True, parent__isnull=True, owner__isnull=True
    ).select_related("crm_profile")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("name", "pk")


def owner_history(partner) -> list[OwnershipChange]:
    return list(
        OwnershipChange.objects.filter(partner=partner).select_related("old_owner", "new_owner", "actor")
    )


def followup_list(*, user, company, partner=None, lead=None):
    qs = scope_queryset(
        FollowUp.objects.select_related("created_by", "partner", "lead", "opportunity"),
        user=user,
        company=company,
        perm="crm.view_followup",
    )
    if partner is not None:
        qs = qs.filter(partner=partner)
    if lead is not None:
        qs = qs.filter(lead=lead)
    return qs.order_by("-at", "-id")


def forecast_by_month(*, user, company) -> list[dict]:
    """Weighted forecast of open opportunities per month of their expected close date (one query; each
    opportunity's weighted amount rounded half-up to the fen, then summed, as the cards show it)."""
    from django.db.models import DecimalField, F
    from django.db.models.functions import Round, TruncMonth

    weighted = Round(F("expected_amount") * F("probability") / 100, 2, output_field=DecimalField())
    rows = (
        opportunity_list(user=user, company=company, state=OpportunityState.OPEN)
        .exclude(close_date__isnull=True)
        .annotate(month=TruncMonth("close_date"))
        .values("month")
        .annotate(amount=Sum("expected_amount"), weighted=Sum(weighted))
        .order_by("month")
    )
    return [{"month": r["month"], "amount": r["amount"], "weighted": r["weighted"]} for r in rows]
