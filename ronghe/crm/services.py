"""CRM services: leads (查重, conversion), opportunities through the pipeline, follow-ups, and the ownership
of customers — claim from and release to the public pool (公海), automatic return after N days without a
follow-up, transfer (one or many, e.g. when a salesperson leaves). Every owner change is logged and the
previous owner notified."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.models import Membership
from ronghe.core.scoping import has_perm
from ronghe.core.services import clean_and_save, sequence_next
from ronghe.core.transactions import service_transaction
from ronghe.core.validators import normalize_phone
from ronghe.partners import dedupe
from ronghe.partners.models import Partner, PartnerKind
from ronghe.partners.services import partner_save
from ronghe.timeline.services import activity_schedule, message_post, notification_send

from . import territory
from .errors import ClaimLimitReached, DuplicatesFound
from .models import CustomerProfile, FollowUp, Lead, Opportunity, OwnershipChange, SalesTeam, Stage
from .states import (
    LEAD_TRANSITIONS,
    OPPORTUNITY_TRANSITIONS,
    FollowUpKind,
    LeadSource,
    LeadStatus,
    OpportunityState,
    OwnerChange,
)

MANAGE = "crm.manage_customers"  # act on the team's records, transfer customers (sales managers)
DEFAULT_STAGES = [("初步接洽", 10), ("需求确认", 30), ("方案报价", 50), ("商务谈判", 70), ("赢单", 100)]


def _require(actor, company, perm):
    if actor is not None and not has_perm(actor, company, perm):
        raise PermissionDenied()


# --- teams and stages ----------------------------------------------------------------------------------------


def team_of(user, company) -> SalesTeam | None:
    """The user's sales team in the company (as member or leader), or None."""
    if user is None:
        return None
    return (
        SalesTeam.objects.filter(company=company)
        .filter(Q(members=user) | Q(leader=user))
        .order_by("pk")
        .distinct()
        .first()
    )


def _in_team(user, team) -> bool:
    return team is not None and (team.leader_id == user.pk or team.members.filter(pk=user.pk).exists())


def stages_for(company, team=None) -> list[Stage]:
    """The pipeline of a team (its own stages, else the company's); the company's default pipeline is
    created the first time it is needed."""
    if team is not None:
        own = list(Stage.objects.filter(company=company, team=team, active=True).order_by("seq", "pk"))
        if own:
            return own
    stages = list(Stage.objects.filter(company=company, team__isnull=True, active=True).order_by("seq", "pk"))
    if not stages and not Stage.objects.filter(company=company, team__isnull=True).exists():
        Stage.objects.bulk_create(
            [
                Stage(company=company, name=name, seq=(i + 1) * 10, probability=Decimal(p), is_won=p == 100)
                for i, (name, p) in enumerate(DEFAULT_STAGES)
            ]
        )
        stages = list(Stage.objects.filter(company=company, team__isnull=True).order_by("seq", "pk"))
    return stages


TEAM_FIELDS = ("name", "leader", "territory", "pool_days", "claim_limit")


@service_transaction
def team_save(*, company, actor, data: dict, team: SalesTeam | None = None) -> SalesTeam:
    """Create or change a sales team: leader, members, territory and its pool rules."""
    _require(actor, company, "crm.change_salesteam" if team else "crm.add_salesteam")
    if team is not None:
        team = SalesTeam.objects.select_for_update().get(pk=team.pk, company=company)
    else:
        team = SalesTeam(company=company, created_by=actor)
    errors = {}
    for f in TEAM_FIELDS:
        if f in data:
            setattr(team, f, data[f].strip() if isinstance(data[f], str) else data[f])
    users = [u for u in [team.leader if team.leader_id else None, *(data.get("members") or [])] if u]
    outsiders = [u for u in users if not u.memberships.filter(company=company, active=True).exists()]
    if not team.leader_id:
        errors["leader"] = [_("This field is required.")]
    if outsiders:
        errors["members"] = [_("Choose users of this company.")]
    if errors:
        raise ValidationFailed(fields=errors)
    clean_and_save(team, actor=actor)
    if "members" in data:
        team.members.set(data["members"])
    return team


@service_transaction
def stages_save(*, company, actor, team: SalesTeam | None, rows: list[dict]) -> list[Stage]:
    """Replace the pipeline of a team (or the company's when team is None) with the given rows, in order:
    {"id": an existing stage or None, "name", "probability", "is_won"}. Exactly one stage is the won stage
    (probability 100). A stage that still holds open opportunities cannot be removed. A team that used the
    company's pipeline gets its own: its opportunities move to the stages copied from the company's."""
    _require(actor, company, "crm.change_salesteam")
    errors = {}
    current = stages_for(company, team)
    own = bool(team is None or (current and current[0].team_id == (team.pk if team else None)))
    by_id = {st.pk: st for st in current}
    seen = set()
    clean = []
    for i, row in enumerate(rows):
        name = (row.get("name") or "").strip()
        if not name:
            continue
        if name in seen:
            errors[f"stages.{i}.name"] = [_("Two stages are named %(name)s.") % {"name": name}]
        seen.add(name)
        try:
            prob = Decimal(str(row.get("probability") if row.get("probability") not in (None, "") else 0))
        except (InvalidOperation, ValueError):
            errors[f"stages.{i}.probability"] = [_("Enter a number.")]
            continue
        if not 0 <= prob <= 100:
            errors[f"stages.{i}.probability"] = [_("A probability is between 0 and 100.")]
        clean.append((by_id.get(_int(row.get("id"))), name[:60], prob, bool(row.get("is_won"))))
    won = [c for c in clean if c[3]]
    if len(won) != 1:
        errors["stages"] = [_("Mark exactly one stage as the won stage.")]
    elif len(clean) < 2:
        errors["stages"] = [_("A pipeline needs at least one open stage and the won stage.")]
    kept = {c[0].pk for c in clean if c[0] is not None}
    removed = [st for st in current if st.pk not in kept]
    if own and removed:
        busy = set(
            Opportunity.objects.filter(stage__in=removed, state=OpportunityState.OPEN)
            .values_list("stage__name", flat=True)
            .distinct()
        )
        if busy:
            errors["stages"] = [
                _("Stage %(names)s still holds open opportunities: move them first.")
                % {"names": "、".join(sorted(busy))}
            ]
    if errors:
        raise ValidationFailed(fields=errors)
    remap = {}
    out = []
    for i, (st, name, prob, is_won) in enumerate(clean):
        if st is None or not own:
            new = Stage(company=company, team=team)
            if st is not None:
                remap[st.pk] = new
            st = new
        st.name, st.seq, st.is_won = name, (i + 1) * 10, is_won
        st.probability = Decimal(100) if is_won else prob
        st.save()
        out.append(st)
    if own:
        gone = Stage.objects.filter(pk__in=[st.pk for st in removed])
        gone.filter(~Q(pk__in=Opportunity.objects.values("stage_id"))).delete()
        gone.update(active=False)  # a stage of closed opportunities stays for their history
    else:  # the team's opportunities follow it onto its own pipeline
        first = out[0]
        for old in current:
            Opportunity.objects.filter(company=company, team=team, stage_id=old.pk).update(
                stage=remap.get(old.pk, first)
            )
    return out


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def team_for_region(company, province: str = "", city: str = "") -> SalesTeam | None:
    """The team whose territory covers the place most precisely (city, then province, then big region)."""
    if not (province or city):
        return None
    teams = SalesTeam.objects.filter(company=company).exclude(territory="").order_by("name", "pk")
    return territory.best_match(list(teams), province, city)


# --- 查重 ------------------------------------------------------------------------------------------------------


def duplicates(company, *, name="", contact="", phone="", email="", tax_id="", exclude_lead=None) -> dict:
    """Existing customers and open leads that may be the same as the one described:
    {"partners": [Candidate], "leads": [Candidate]} with the reasons and (via obj.owner) who owns them."""
    partners = dedupe.find(
        Partner.objects.filter(company=company, parent__isnull=True).select_related("owner"),
        name=name,
        phone=phone,
        email=email,
        tax_id=tax_id,
    )
    if contact:
        for c in dedupe.find(
            Partner.objects.filter(company=company, kind=PartnerKind.INDIVIDUAL).select_related(
                "owner", "parent"
            ),
            name=contact,
            phone=phone,
            email=email,
        ):
            if all(c.obj.pk != p.obj.pk for p in partners):
                partners.append(c)
    leads_qs = Lead.objects.filter(company=company).exclude(status__in=[LeadStatus.CONVERTED])
    if exclude_lead is not None:
        leads_qs = leads_qs.exclude(pk=exclude_lead.pk)
    leads = dedupe.find(
        leads_qs.select_related("owner"), name=name or contact, phone=phone, email=email, tax_id=tax_id
    )
    return {"partners": partners, "leads": leads}


# --- leads ----------------------------------------------------------------------------------------------------

LEAD_FIELDS = (
    "company_name",
    "contact_name",
    "job_title",
    "phone",
    "email",
    "tax_id",
    "province",
    "city",
    "note",
)


@service_transaction
def lead_create(*, company, actor, data: dict, ignore_duplicates: bool = False) -> Lead:
    """A new lead (线索). Raises DuplicatesFound with the candidates unless ignore_duplicates."""
    if actor is not None:
        _require(actor, company, "crm.add_lead")
    lead = Lead(company=company, created_by=actor)
    _fill_lead(lead, company, data, actor)
    if not ignore_duplicates:
        found = duplicates(
            company,
            name=lead.company_name,
            contact=lead.contact_name,
            phone=lead.phone,
            email=lead.email,
            tax_id=lead.tax_id,
        )
        if found["partners"] or found["leads"]:
            raise DuplicatesFound(found)
    lead.number = sequence_next(company=company, code="crm.lead")
    return clean_and_save(lead, actor=actor)


def _fill_lead(lead: Lead, company, data: dict, actor) -> None:
    errors = {}
    for f in LEAD_FIELDS:
        if f in data:
            setattr(lead, f, (data[f] or "").strip() if isinstance(data[f], str) else data[f] or "")
    if "source" in data:
        lead.source = data["source"] or LeadSource.MANUAL
    if lead.source not in LeadSource.values:
        errors["source"] = [_("Choose a valid source.")]
    if not (lead.company_name or lead.contact_name):
        errors["company_name"] = [_("Give the company or the contact's name.")]
    if "owner" in data:
        lead.owner = data["owner"]
    elif lead.pk is None and lead.owner_id is None and lead.source == LeadSource.MANUAL:
        lead.owner = actor
    if lead.owner is not None and not lead.owner.memberships.filter(company=company, active=True).exists():
        errors["owner"] = [_("Choose a user of this company.")]
    if "score" in data:
        if data["score"] in (None, ""):  # empty: back to the computed score
            lead.score_manual = False
        else:
            try:
                lead.score = max(0, min(100, int(data["score"])))
                lead.score_manual = True
            except (TypeError, ValueError):
                errors["score"] = [_("Enter a whole number.")]
    lead.team = (
        data.get("team")
        or lead.team
        or team_of(lead.owner, company)
        or team_for_region(company, lead.province, lead.city)
    )
    if errors:
        raise ValidationFailed(fields=errors)
    lead.email = dedupe.normalize_email(lead.email)
    lead.phone_norm = normalize_phone(lead.phone)
    lead.name_key = dedupe.name_key(lead.company_name or lead.contact_name)
    _rescore(lead)


SOURCE_POINTS = {
    LeadSource.REFERRAL: 20,
    LeadSource.WEB: 15,
    LeadSource.EMAIL: 10,
    LeadSource.EXHIBITION: 10,
    LeadSource.MANUAL: 5,
    LeadSource.IMPORT: 0,
    LeadSource.OTHER: 0,
}
STATUS_POINTS = {LeadStatus.CONTACTED: 10, LeadStatus.QUALIFIED: 30}


def lead_score(lead: Lead, followups: int | None = None) -> int:
    """The computed score (0–100) of a lead, the higher the warmer: how it came (a referral or the web form
    weigh more than a bought list), how reachable and identifiable it is (phone, e-mail, company, tax id,
    title), how far it went (contacted, qualified) and how many follow-ups it had (5 each, at most 15).
    A disqualified lead scores 0."""
    if lead.status == LeadStatus.DISQUALIFIED:
        return 0
    if followups is None:
        followups = lead.followups.count() if lead.pk else 0
    points = SOURCE_POINTS.get(lead.source, 0) + STATUS_POINTS.get(lead.status, 0)
    points += 15 if lead.phone_norm or lead.phone else 0
    points += 10 if lead.email else 0
    points += 10 if lead.company_name else 0
    points += 5 if lead.contact_name else 0
    points += 5 if lead.job_title else 0
    points += 10 if lead.tax_id else 0
    points += 5 * min(followups, 3)
    return min(points, 100)


def _rescore(lead: Lead, followups: int | None = None) -> None:
    if not lead.score_manual:
        lead.score = lead_score(lead, followups)


@service_transaction
def lead_update(*, lead: Lead, actor, data: dict) -> Lead:
    lead = _lock_lead(lead)
    _require_lead(actor, lead)
    if lead.status == LeadStatus.CONVERTED:
        raise InvalidTransition(_("A converted lead is not edited: edit its customer."))
    _fill_lead(lead, lead.company, data, actor)
    return clean_and_save(lead, actor=actor)


def _lock_lead(lead) -> Lead:
    return (
        Lead.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=getattr(lead, "pk", lead))
    )


def _require_lead(actor, lead):
    if actor is None:
        return
    if lead.owner_id not in (None, actor.pk) and not has_perm(actor, lead.company, MANAGE):
        raise PermissionDenied()


def _lead_transition(lead, action, actor, **changes) -> Lead:
    allowed, target = LEAD_TRANSITIONS[action]
    if lead.status not in allowed:
        raise InvalidTransition(_("This lead is %(state)s.") % {"state": lead.get_status_display()})
    audit_transition(lead, action=action, from_state=lead.status, to_state=target)
    lead.status = target
    for k, v in changes.items():
        setattr(lead, k, v)
    _rescore(lead)
    lead.save()
    return lead


@service_transaction
def lead_assign(*, lead: Lead, actor, owner) -> Lead:
    """Give a lead to a salesperson (a manager), or take an unowned lead of one's own team (a salesperson).
    The new owner is notified; the change is on the lead's timeline."""
    lead = _lock_lead(lead)
    company = lead.company
    if lead.status in (LeadStatus.CONVERTED, LeadStatus.DISQUALIFIED):
        raise InvalidTransition(_("This lead is %(state)s.") % {"state": lead.get_status_display()})
    if owner is None or not owner.memberships.filter(company=company, active=True).exists():
        raise ValidationFailed(fields={"owner": [_("Choose a user of this company.")]})
    taking = owner.pk == getattr(actor, "pk", None) and lead.owner_id is None
    if actor is not None and not has_perm(actor, company, MANAGE):
        if not (taking and (lead.team_id is None or _in_team(actor, lead.team))):
            raise PermissionDenied()
    if lead.owner_id == owner.pk:
        return lead
    lead.owner = owner
    if not _in_team(owner, lead.team):
        lead.team = team_of(owner, company) or lead.team
    lead.save()
    if actor is None or owner.pk != actor.pk:
        notification_send(
            user=owner,
            company_id=company.pk,
            title=_("Lead assigned to you: %(name)s") % {"name": lead},
            link=lead.get_absolute_url(),
        )
    return lead


@service_transaction
def lead_set_status(*, lead: Lead, actor, action: str, reason: str = "") -> Lead:
    """contact / qualify / disqualify (with a reason)."""
    if action not in ("contact", "qualify", "disqualify"):
        raise ValidationFailed(fields={"action": [_("Choose a valid action.")]})
    lead = _lock_lead(lead)
    _require_lead(actor, lead)
    if action == "disqualify" and not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Say why the lead is disqualified.")]})
    return _lead_transition(lead, action, actor, disqualify_reason=(reason or "").strip()[:200])


@service_transaction
def lead_convert(
    *,
    lead: Lead,
    actor,
    partner: Partner | None = None,
    opportunity_name: str = "",
    expected_amount=None,
    close_date=None,
) -> Opportunity:
    """One step: the lead becomes a customer organisation (or is linked to the existing `partner` the
    duplicate check found) + its contact + an opportunity in the first stage of the owner's pipeline."""
    lead = _lock_lead(lead)
    _require_lead(actor, lead)
    allowed, _target = LEAD_TRANSITIONS["convert"]
    if lead.status not in allowed:
        raise InvalidTransition(_("This lead is %(state)s.") % {"state": lead.get_status_display()})
    company = lead.company
    owner = lead.owner or actor
    if partner is not None and partner.company_id != company.pk:
        raise ValidationFailed(fields={"partner": [_("Choose a record of this company.")]})
    if partner is None:
        partner = partner_save(
            company=company,
            actor=actor,
            data={
                "name": lead.company_name or lead.contact_name,
                "kind": PartnerKind.ORGANISATION if lead.company_name else PartnerKind.INDIVIDUAL,
                "is_customer": True,
                "tax_id": lead.tax_id,
                "phone": lead.phone if lead.company_name else "",
                "email": "" if lead.contact_name and lead.company_name else lead.email,
                "province": lead.province,
                "city": lead.city,
                "owner": owner,
            },
        )
    elif not partner.is_customer:
        partner.is_customer = True
        partner.save(update_fields=["is_customer", "updated_at"])
    contact = None
    if lead.contact_name and lead.company_name:
        contact = Partner.objects.filter(
            company=company, parent=partner, name=lead.contact_name
        ).first() or partner_save(
            company=company,
            actor=actor,
            data={
                "name": lead.contact_name,
                "kind": PartnerKind.INDIVIDUAL,
                "parent": partner,
                "job_title": lead.job_title,
                "mobile": lead.phone,
                "email": lead.email,
                "owner": owner,
            },
        )
    _profile(partner, team=lead.team)
    opp = opportunity_create(
        company=company,
        actor=actor,
        data={
            "name": opportunity_name or _("%(customer)s opportunity") % {"customer": partner.name},
            "partner": partner,
            "contact": contact,
            "owner": owner,
            "team": lead.team,
            "expected_amount": expected_amount or 0,
            "close_date": close_date,
        },
    )
    opp.lead = lead
    opp.save(update_fields=["lead"])
    _lead_transition(lead, "convert", actor, partner=partner, converted_at=timezone.now())
    for f in FollowUp.objects.filter(lead=lead):
        f.partner = partner
        f.save(update_fields=["partner"])
    return opp


# --- opportunities --------------------------------------------------------------------------------------------


def _money(value, field, errors) -> Decimal:
    try:
        d = Decimal(str(value if value not in (None, "") else 0))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter a number.")]
        return Decimal(0)
    if d < 0:
        errors[field] = [_("This value must not be negative.")]
    return d.quantize(Decimal("0.01"))


@service_transaction
def opportunity_create(*, company, actor, data: dict) -> Opportunity:
    """A new opportunity (商机) in the first stage of its team's pipeline (or the given stage)."""
    if actor is not None:
        _require(actor, company, "crm.add_opportunity")
    errors = {}
    partner = data.get("partner")
    if partner is None or partner.company_id != company.pk:
        errors["partner"] = [_("Choose a customer of this company.")]
    owner = data.get("owner") or actor
    team = data.get("team") or team_of(owner, company)
    stages = stages_for(company, team)
    stage = data.get("stage") or stages[0]
    if stage.company_id != company.pk or stage.pk not in {s.pk for s in stages}:
        errors["stage"] = [_("Choose a stage of this pipeline.")]
    amount = _money(data.get("expected_amount"), "expected_amount", errors)
    if not (data.get("name") or "").strip():
        errors["name"] = [_("This field is required.")]
    if errors:
        raise ValidationFailed(fields=errors)
    opp = Opportunity(
        company=company,
        created_by=actor,
        name=data["name"].strip()[:150],
        partner=partner,
        contact=data.get("contact"),
        owner=owner,
        team=team,
        stage=stage,
        probability=stage.probability,
        expected_amount=amount,
        close_date=data.get("close_date"),
        competitors=(data.get("competitors") or "")[:200],
    )
    clean_and_save(opp, actor=actor)
    if data.get("products"):
        opp.products.set(data["products"])
    return opp


def _lock_opp(opp) -> Opportunity:
    return (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("company", "stage", "partner")
        .get(pk=getattr(opp, "pk", opp))
    )


def _require_opp(actor, opp):
    if actor is None:
        return
    if opp.owner_id != actor.pk and not has_perm(actor, opp.company, MANAGE):
        raise PermissionDenied()


def _guard_opp(opp, action):
    allowed, _t = OPPORTUNITY_TRANSITIONS[action]
    if opp.state not in allowed:
        raise InvalidTransition(_("This opportunity is %(state)s.") % {"state": opp.get_state_display()})


@service_transaction
def opportunity_move(*, opportunity, actor, stage: Stage) -> Opportunity:
    """Drag to another stage (the stage's probability comes along; the change is on the timeline). Moving
    into a won stage wins it."""
    opp = _lock_opp(opportunity)
    _require_opp(actor, opp)
    _guard_opp(opp, "move")
    if stage.pk not in {s.pk for s in stages_for(opp.company, opp.team)}:
        raise ValidationFailed(fields={"stage": [_("Choose a stage of this pipeline.")]})
    if stage.pk == opp.stage_id:
        return opp
    opp.stage, opp.probability, opp.stage_changed_at = stage, stage.probability, timezone.now()
    opp.save()
    if stage.is_won:
        return _win(opp, actor)
    return opp


def _win(opp, actor) -> Opportunity:
    won = next((s for s in stages_for(opp.company, opp.team) if s.is_won), None)
    audit_transition(opp, action="win", from_state=opp.state, to_state=OpportunityState.WON)
    opp.state, opp.closed_at, opp.probability = OpportunityState.WON, timezone.now(), Decimal(100)
    if won is not None:
        opp.stage = won
    opp.save()
    return opp


@service_transaction
def opportunity_win(*, opportunity, actor) -> Opportunity:
    opp = _lock_opp(opportunity)
    _require_opp(actor, opp)
    _guard_opp(opp, "win")
    return _win(opp, actor)


@service_transaction
def opportunity_lose(*, opportunity, actor, reason: str) -> Opportunity:
    opp = _lock_opp(opportunity)
    _require_opp(actor, opp)
    _guard_opp(opp, "lose")
    if not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Say why the opportunity was lost.")]})
    audit_transition(opp, action="lose", from_state=opp.state, to_state=OpportunityState.LOST)
    opp.state, opp.closed_at, opp.probability = OpportunityState.LOST, timezone.now(), Decimal(0)
    opp.lost_reason = reason.strip()[:200]
    opp.save()
    return opp


@service_transaction
def opportunity_quote(*, opportunity, actor, lines: list[dict], **order_fields):
    """A quotation (sales order) for the opportunity's customer, linked to it: when the order is confirmed the
    opportunity is won (SalesOrderConfirmed)."""
    from ronghe.sales.services import order_create

    opp = _lock_opp(opportunity)
    _guard_opp(opp, "move")
    order = order_create(company=opp.company, actor=actor, partner=opp.partner, lines=lines, **order_fields)
    opp.orders.add(order)
    message_post(
        record=opp,
        author=actor,
        body=_("Quotation %(number)s created.") % {"number": order.number},
        kind="note",
    )
    return order


def on_sales_order_confirmed(event) -> None:
    """In the order's transaction: its open opportunities are won."""
    for opp in Opportunity.objects.select_for_update().filter(
        orders__pk=event.order_id, state=OpportunityState.OPEN
    ):
        _win(opp, None)


# --- follow-ups ------------------------------------------------------------------------------------------------


@service_transaction
def followup_log(
    *,
    actor,
    note: str,
    kind: str = FollowUpKind.CALL,
    partner: Partner | None = None,
    lead: Lead | None = None,
    opportunity: Opportunity | None = None,
    next_date: datetime.date | None = None,
    at=None,
) -> FollowUp:
    """跟进: what was said, on the customer (or lead) and its timeline; the next follow-up becomes a timeline
    activity for the actor (overdue ones show on the home page and notify)."""
    errors = {}
    if opportunity is not None:
        partner = partner or opportunity.partner
    target = partner or lead
    if target is None:
        errors["partner"] = [_("Choose a customer or a lead.")]
    if kind not in FollowUpKind.values:
        errors["kind"] = [_("Choose a valid kind.")]
    if not (note or "").strip():
        errors["note"] = [_("This field is required.")]
    if next_date is not None and next_date < timezone.localdate():
        errors["next_date"] = [_("The next follow-up cannot be in the past.")]
    if errors:
        raise ValidationFailed(fields=errors)
    company = target.company
    if actor is not None and partner is not None and partner.owner_id not in (actor.pk, None):
        if not has_perm(actor, company, MANAGE):
            raise PermissionDenied(_("This customer belongs to someone else."))
    f = FollowUp(
        company=company,
        created_by=actor,
        kind=kind,
        partner=partner,
        lead=lead,
        opportunity=opportunity,
        note=note.strip(),
        at=at or timezone.now(),
        next_date=next_date,
    )
    f.save()
    label = dict(FollowUpKind.choices)[kind]
    message_post(record=target, author=actor, body=f"【{label}】{f.note}", kind="note")
    if opportunity is not None:
        message_post(record=opportunity, author=actor, body=f"【{label}】{f.note}", kind="note")
    if next_date is not None and actor is not None:
        f.next_activity = activity_schedule(
            record=target,
            actor=actor,
            assignee=actor,
            summary=_("Follow up %(name)s") % {"name": target},
            due_date=next_date,
            type="call",
        )
        f.save(update_fields=["next_activity"])
    if partner is not None:
        profile = _profile(partner)
        profile.last_followup_at = max(filter(None, [profile.last_followup_at, f.at]))
        profile.save(update_fields=["last_followup_at"])
    if lead is not None:
        lead = _lock_lead(lead)
        if lead.status == LeadStatus.NEW:
            _lead_transition(lead, "contact", actor)
        elif not lead.score_manual:
            score = lead_score(lead)
            if score != lead.score:
                lead.score = score
                lead.save(update_fields=["score", "updated_at"])
    return f


# --- ownership and the public pool (公海) -----------------------------------------------------------------------


def _profile(partner, team=None) -> CustomerProfile:
    profile, created = CustomerProfile.objects.get_or_create(
        partner=partner,
        defaults={"company_id": partner.company_id, "team": team, "owned_since": timezone.now()},
    )
    if team is not None and profile.team_id is None:
        profile.team = team
        profile.save(update_fields=["team"])
    return profile


def _set_owner(partner: Partner, new_owner, *, actor, reason: str, note: str = "") -> None:
    old = partner.owner
    if (old.pk if old else None) == (new_owner.pk if new_owner else None):
        return
    partner_save(company=partner.company, actor=actor, partner=partner, data={"owner": new_owner})
    profile = _profile(partner)
    profile.owned_since = timezone.now() if new_owner else None
    if new_owner is not None:
        profile.team = team_of(new_owner, partner.company) or profile.team
    profile.save(update_fields=["owned_since", "team"])
    OwnershipChange.objects.create(
        company=partner.company,
        partner=partner,
        reason=reason,
        old_owner=old,
        new_owner=new_owner,
        actor=actor,
        note=note[:200],
    )
    if old is not None and (actor is None or old.pk != actor.pk):
        title = {
            OwnerChange.RETURN: _("%(customer)s went back to the public pool (no follow-up)"),
            OwnerChange.TRANSFER: _("%(customer)s was transferred to %(owner)s"),
        }.get(reason, _("%(customer)s changed owner"))
        notification_send(
            user=old,
            company_id=partner.company_id,
            title=title % {"customer": partner.name, "owner": new_owner or "—"},
            link=partner.get_absolute_url(),
        )


def claim_limit(user, company) -> int:
    team = team_of(user, company)
    return team.claim_limit if team else 50


def held_count(user, company) -> int:
    return Partner.objects.filter(
        company=company, owner=user, is_customer=True, active=True, parent=None
    ).count()


@service_transaction
def pool_claim(*, partner: Partner, actor) -> Partner:
    """领取: take a customer without an owner, within the per-person limit."""
    _require(actor, partner.company, "crm.add_opportunity")
    # the claimer's membership row first: two claims by one person at once are counted one after the other,
    # so nobody ends above the limit
    Membership.objects.select_for_update().filter(user=actor, company=partner.company).first()
    p = Partner.objects.select_for_update().get(pk=partner.pk)
    if p.owner_id is not None:
        raise InvalidTransition(_("%(customer)s already has an owner.") % {"customer": p.name})
    if held_count(actor, p.company) >= claim_limit(actor, p.company):
        raise ClaimLimitReached()
    _set_owner(p, actor, actor=actor, reason=OwnerChange.CLAIM)
    return p


@service_transaction
def pool_release(*, partner: Partner, actor, note: str = "") -> Partner:
    """放弃: give an own customer back to the pool."""
    p = Partner.objects.select_for_update().get(pk=partner.pk)
    if p.owner_id != actor.pk and not has_perm(actor, p.company, MANAGE):
        raise PermissionDenied()
    if p.owner_id is None:
        raise InvalidTransition(_("%(customer)s is already in the pool.") % {"customer": p.name})
    _set_owner(p, None, actor=actor, reason=OwnerChange.RELEASE, note=note)
    return p


@service_transaction
def owner_transfer(*, partners: list[Partner], actor, new_owner, note: str = "") -> int:
    """Transfer customers (one or many, e.g. all of a salesperson who leaves) with their open opportunities
    and leads; history kept. Returns how many changed owner."""
    if not partners:
        return 0
    company = partners[0].company
    _require(actor, company, MANAGE)
    if new_owner is None or not new_owner.memberships.filter(company=company, active=True).exists():
        raise ValidationFailed(fields={"new_owner": [_("Choose a user of this company.")]})
    locked = list(
        Partner.objects.select_for_update()
        .filter(pk__in=[p.pk for p in partners], company=company)
        .order_by("pk")
    )
    n = 0
    for p in locked:
        if p.owner_id == new_owner.pk:
            continue
        old = p.owner_id
        _set_owner(p, new_owner, actor=actor, reason=OwnerChange.TRANSFER, note=note)
        Opportunity.objects.filter(partner=p, state=OpportunityState.OPEN, owner_id=old).update(
            owner=new_owner
        )
        n += 1
    return n


def pool_return_stale(*, company, now=None) -> int:
    """The scheduled rule: customers whose last follow-up (or, without one, their ownership) is older than
    their team's pool_days go back to the pool. Returns how many.

    The stale customers are found by the database, one query per team: "the latest of last follow-up, owned
    since and created is before the cutoff" is "each of them that is set is before the cutoff"."""
    now = now or timezone.now()
    default_days = 30
    owned = Partner.objects.filter(
        company=company, is_customer=True, active=True, parent=None, owner__isnull=False
    )
    teams = list(SalesTeam.objects.filter(company=company).order_by("pk"))
    users_team: dict[int, int] = {}  # a user's team, as team_of() reads it: the first by id
    for t in teams:
        for uid in [t.leader_id, *t.members.values_list("pk", flat=True)]:
            users_team.setdefault(uid, t.pk)
    no_team = Q(crm_profile__isnull=True) | Q(crm_profile__team__isnull=True)
    rules = [
        (
            t.pool_days,
            Q(crm_profile__team=t)
            | (no_team & Q(owner_id__in=[u for u, tid in users_team.items() if tid == t.pk])),
        )
        for t in teams
    ]
    rules.append((default_days, no_team & ~Q(owner_id__in=list(users_team))))
    returned = 0
    for days, which in rules:
        if days == 0:
            continue
        cutoff = now - datetime.timedelta(days=days)
        stale = owned.filter(which, created_at__lt=cutoff).filter(
            Q(crm_profile__isnull=True)
            | (
                (Q(crm_profile__last_followup_at__isnull=True) | Q(crm_profile__last_followup_at__lt=cutoff))
                & (Q(crm_profile__owned_since__isnull=True) | Q(crm_profile__owned_since__lt=cutoff))
            )
        )
        for pk in list(stale.order_by("pk").values_list("pk", flat=True)):
            with transaction.atomic():
                locked = Partner.objects.select_for_update().get(pk=pk)
                if not stale.filter(pk=pk).exists():  # followed up or released meanwhile
                    continue
                _set_owner(
                    locked,
                    None,
                    actor=None,
                    reason=OwnerChange.RETURN,
                    note=_("no follow-up for %(days)s days") % {"days": days},
                )
                returned += 1
    return returned


# --- the public web form (网站表单) -----------------------------------------------------------------------------


def crm_settings(company):
    import secrets

    from .models import CrmSettings

    s = CrmSettings.objects.filter(company=company).first()
    if s is None:
        CrmSettings.objects.bulk_create(
            [CrmSettings(company=company, webform_key=secrets.token_urlsafe(18))], ignore_conflicts=True
        )
        s = CrmSettings.objects.get(company=company)
    return s


class SpamRefused(ValidationFailed):
    code = "crm.spam"


@service_transaction
def webform_submit(*, key: str, data: dict, ip: str) -> Lead:
    """A lead from the form a company pastes on its website. Refused: an unknown key, a filled hidden field
    (robots fill every field), more than the company's submissions per address per hour. The lead has no
    owner; the team leader is notified (and sees possible duplicates on the lead's page)."""
    from django.core.cache import cache

    from .models import CrmSettings

    s = CrmSettings.objects.select_related("company", "webform_team__leader").filter(webform_key=key).first()
    if s is None:
        raise ValidationFailed(fields={"key": [_("This form is not known.")]})
    if (data.get("website") or "").strip():  # the honeypot
        raise SpamRefused(_("The submission was refused."))
    bucket = f"crm-webform:{s.company_id}:{ip}"
    count = cache.get(bucket, 0)
    if count >= s.webform_limit:
        raise SpamRefused(_("Too many submissions from your address: try again later."))
    cache.set(bucket, count + 1, 3600)
    fields = {
        k: str(data.get(k) or "")[:200]
        for k in ("company_name", "contact_name", "phone", "email", "province", "city")
    }
    message = str(data.get("message") or "")[:2000]
    lead = Lead(company=s.company, source=LeadSource.WEB)
    _fill_lead(lead, s.company, {**fields, "note": message, "source": LeadSource.WEB, "owner": None}, None)
    lead.team = lead.team or s.webform_team  # the team of the visitor's region, else the form's team
    lead.number = sequence_next(company=s.company, code="crm.lead")
    clean_and_save(lead)
    found = duplicates(
        s.company, name=lead.company_name, contact=lead.contact_name, phone=lead.phone, email=lead.email
    )
    leader = lead.team.leader if lead.team else None
    if leader is not None:
        n = len(found["partners"]) + len(found["leads"])
        notification_send(
            user=leader,
            company_id=s.company_id,
            title=_("New web lead: %(name)s") % {"name": lead}
            + (_(" (%(n)s possible duplicates)") % {"n": n} if n else ""),
            link=lead.get_absolute_url(),
        )
    return lead


# --- Excel import (preview first) -------------------------------------------------------------------------------

IMPORT_COLUMNS = {
    "公司名称": "company_name",
    "company": "company_name",
    "company_name": "company_name",
    "联系人": "contact_name",
    "contact": "contact_name",
    "职务": "job_title",
    "电话": "phone",
    "手机": "phone",
    "phone": "phone",
    "邮箱": "email",
    "email": "email",
    "税号": "tax_id",
    "省份": "province",
    "城市": "city",
    "city": "city",
    "备注": "note",
    "note": "note",
}


def leads_import_preview(*, company, actor, filename: str, content: bytes) -> list[dict]:
    """Read a lead list (Excel or CSV, first row = headers) without saving: each row with its errors and its
    possible duplicates (in the database and earlier in the same file), so the user sees what will happen."""
    from ronghe.core.tabular import read_records

    _require(actor, company, "crm.add_lead")
    records = read_records(filename, content, IMPORT_COLUMNS)
    if not records:
        raise ValidationFailed(fields={"file": [_("The file has no rows.")]})
    if len(records) > 5000:
        raise ValidationFailed(fields={"file": [_("At most 5,000 rows at a time.")]})
    seen: dict[str, int] = {}
    out = []
    for i, rec in enumerate(records, start=2):  # row 1 is the header
        data = {k: str(v).strip() if v is not None else "" for k, v in rec.items()}
        errors = []
        if not (data.get("company_name") or data.get("contact_name")):
            errors.append(str(_("Give the company or the contact's name.")))
        if data.get("email") and "@" not in data["email"]:
            errors.append(str(_("Enter a valid e-mail address.")))
        dups = []
        if not errors:
            found = duplicates(
                company,
                name=data.get("company_name", ""),
                contact=data.get("contact_name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                tax_id=data.get("tax_id", ""),
            )
            for c in found["partners"] + found["leads"]:
                owner = getattr(c.obj, "owner", None)
                dups.append(f"{c.obj} ({owner or _('public pool')}): {', '.join(str(r) for r in c.reasons)}")
            key = dedupe.name_key(data.get("company_name") or data.get("contact_name") or "")
            phone = normalize_phone(data.get("phone", ""))
            for k in filter(None, [key, phone if len(phone) >= 7 else ""]):
                if k in seen:
                    dups.append(_("same as row %(row)s of this file") % {"row": seen[k]})
                    break
            for k in filter(None, [key, phone if len(phone) >= 7 else ""]):
                seen.setdefault(k, i)
        out.append({"row": i, "data": data, "errors": errors, "duplicates": [str(d) for d in dups]})
    return out


@service_transaction
def leads_import(*, company, actor, rows: list[dict], include_duplicates: bool = False) -> list[Lead]:
    """Create the previewed rows (checked again here): rows with errors are skipped, rows with possible
    duplicates only when include_duplicates. All or nothing."""
    _require(actor, company, "crm.add_lead")
    made = []
    for row in rows:
        if row.get("errors") or (row.get("duplicates") and not include_duplicates):
            continue
        data = {k: v for k, v in (row.get("data") or {}).items() if k in LEAD_FIELDS}
        try:
            made.append(
                lead_create(
                    company=company,
                    actor=actor,
                    data={**data, "source": LeadSource.IMPORT},
                    ignore_duplicates=True,
                )
            )
        except ValidationFailed as exc:
            raise ValidationFailed(
                fields={f"row {row.get('row')}.{k}": v for k, v in exc.fields.items()}
                or {"file": [str(exc.message)]}
            ) from exc
    return made


# --- mail to an alias (sales@…) -----------------------------------------------------------------------------------


@service_transaction
def lead_from_email(*, alias, email, sender):
    """The mail gateway's "new lead" action: an e-mail to e.g. sales@ becomes a lead (source e-mail) for the
    alias's owners to follow up — unless it comes from a known customer or contact, whose timeline it then
    joins (its owner is told). Returns the record it landed on."""
    from django.utils.html import escape, linebreaks

    company = alias.company
    owners = list(alias.owners.filter(is_active=True))
    text = (email.text or "").strip()[:5000]
    body = f"<p><strong>{escape(email.subject or '')}</strong></p>" + linebreaks(escape(text))
    if isinstance(sender, Partner):
        customer = sender.parent or sender
        message_post(record=customer, author=None, body=body, kind="email")
        for user in [customer.owner] if customer.owner else owners:
            notification_send(
                user=user,
                company_id=company.pk,
                title=_("E-mail from %(customer)s: %(subject)s")
                % {"customer": customer, "subject": email.subject},
                link=customer.get_absolute_url(),
            )
        return customer
    domain = email.from_address.split("@")[-1] if "@" in email.from_address else ""
    lead = Lead(company=company, source=LeadSource.EMAIL)
    _fill_lead(
        lead,
        company,
        {
            "contact_name": (email.from_name or email.from_address.split("@")[0])[:60],
            "company_name": "" if domain in FREE_MAIL else domain[:150],
            "email": email.from_address,
            "note": f"{email.subject}\n\n{text}".strip(),
            "source": LeadSource.EMAIL,
            "owner": None,
            "team": team_of(owners[0], company) if owners else None,
        },
        None,
    )
    lead.number = sequence_next(company=company, code="crm.lead")
    clean_and_save(lead)
    for user in owners:
        notification_send(
            user=user,
            company_id=company.pk,
            title=_("New lead from e-mail: %(name)s") % {"name": lead},
            link=lead.get_absolute_url(),
        )
    return lead


FREE_MAIL = {
    "qq.com",
    "163.com",
    "126.com",
    "gmail.com",
    "outlook.com",
    "hotmail.com",
    "sina.com",
    "foxmail.com",
    "yeah.net",
    "aliyun.com",
    "139.com",
    "sohu.com",
    "yahoo.com",
    "icloud.com",
}
