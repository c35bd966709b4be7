"""CRM endpoints: leads (查重 answers 422 crm.duplicates listing the candidates and their owners; repeat with
ignore_duplicates), conversion, opportunities (move, win, lose, quotation), follow-ups, the public pool
(claim, release), ownership transfer and the duplicate check itself."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve, resolve_in_lines
from ronghe.core.selectors import user_list
from ronghe.partners.selectors import partner_list
from ronghe.products.selectors import product_list

from . import selectors, services
from .models import Stage

router = Router(tags=["crm"])


class LeadIn(Schema):
    company_name: str = ""
    contact_name: str = ""
    job_title: str = ""
    phone: str = ""
    email: str = ""
    tax_id: str = ""
    province: str = ""
    city: str = ""
    source: str = "manual"
    note: str = ""
    owner_id: int | None = None
    score: int | None = None  # empty: computed
    ignore_duplicates: bool = False


class LeadOut(Schema):
    id: int
    number: str
    company_name: str
    contact_name: str
    phone: str
    email: str
    source: str
    status: str
    owner_id: int | None
    partner_id: int | None
    team_id: int | None
    score: int
    score_manual: bool


class AssignIn(Schema):
    owner_id: int


class StageIO(Schema):
    id: int | None = None
    name: str
    probability: Decimal = Decimal(0)
    is_won: bool = False


class TeamIn(Schema):
    name: str
    leader_id: int
    member_ids: list[int] = []
    territory: str = ""
    pool_days: int = 30
    claim_limit: int = 50
    stages: list[StageIO] | None = None  # None: keep the pipeline as it is


class TeamOut(Schema):
    id: int
    name: str
    leader_id: int
    member_ids: list[int]
    territory: str
    pool_days: int
    claim_limit: int
    stages: list[StageIO]

    @staticmethod
    def resolve_member_ids(obj):
        return [u.pk for u in obj.members.all()]

    @staticmethod
    def resolve_stages(obj):
        return services.stages_for(obj.company, obj)


class ConvertIn(Schema):
    partner_id: int | None = None
    opportunity_name: str = ""
    expected_amount: Decimal = Decimal(0)
    close_date: datetime.date | None = None


class StatusIn(Schema):
    action: str
    reason: str = ""


class OpportunityIn(Schema):
    name: str
    partner_id: int
    expected_amount: Decimal = Decimal(0)
    close_date: datetime.date | None = None
    competitors: str = ""
    product_ids: list[int] = []


class OpportunityOut(Schema):
    id: int
    name: str
    partner_id: int
    partner_name: str
    owner_id: int
    stage_id: int
    stage_name: str
    state: str
    probability: Decimal
    expected_amount: Decimal
    close_date: datetime.date | None
    lost_reason: str
    order_ids: list[int]

    @staticmethod
    def resolve_partner_name(obj):
        return obj.partner.name

    @staticmethod
    def resolve_stage_name(obj):
        return obj.stage.name

    @staticmethod
    def resolve_order_ids(obj):
        return list(obj.orders.values_list("pk", flat=True))


class MoveIn(Schema):
    stage_id: int


class LoseIn(Schema):
    reason: str


class QuoteLineIn(Schema):
    product_id: int
    quantity: Decimal
    unit_price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)


class QuoteIn(Schema):
    lines: list[QuoteLineIn]


class FollowUpIn(Schema):
    kind: str = "call"
    note: str
    partner_id: int | None = None
    lead_id: int | None = None
    opportunity_id: int | None = None
    next_date: datetime.date | None = None


class FollowUpOut(Schema):
    id: int
    kind: str
    note: str
    at: datetime.datetime
    partner_id: int | None
    lead_id: int | None
    next_date: datetime.date | None


class PoolOut(Schema):
    id: int
    code: str
    name: str
    province: str
    city: str


class CustomerTransferIn(Schema):
    partner_ids: list[int]
    new_owner_id: int
    note: str = ""


class CandidateOut(Schema):
    kind: str
    id: int
    name: str
    owner: str | None
    reasons: list[str]
    score: int


def _owner(request, company, owner_id):
    return resolve(user_list(company=company), owner_id, "owner_id") if owner_id else None


@router.get("/leads", response=page_of(LeadOut))
def lead_list(request, status: str = "", q: str = "", page: int = 1, limit: int = 50):
    return paginate(
        selectors.lead_list(user=request.user, company=require_company(request), status=status, q=q),
        page=page,
        limit=limit,
    )


@router.post("/leads", response={201: LeadOut}, summary="A new lead; 422 crm.duplicates lists the candidates")
def lead_create(request, payload: LeadIn):
    company = require_company(request)
    data = payload.dict(exclude={"owner_id", "ignore_duplicates"})
    if payload.score is None:
        data.pop("score")
    if payload.owner_id:
        data["owner"] = _owner(request, company, payload.owner_id)
    return Status(
        201,
        services.lead_create(
            company=company, actor=request.user, data=data, ignore_duplicates=payload.ignore_duplicates
        ),
    )


@router.post("/leads/{lead_id}/status", response=LeadOut, summary="contact / qualify / disqualify (reason)")
def lead_status(request, lead_id: int, payload: StatusIn):
    lead = selectors.lead_get_for_user(pk=lead_id, user=request.user, company=require_company(request))
    return services.lead_set_status(
        lead=lead, actor=request.user, action=payload.action, reason=payload.reason
    )


@router.post(
    "/leads/{lead_id}/assign",
    response=LeadOut,
    summary="Give the lead to a salesperson (managers), or take an unowned lead of one's team",
)
def lead_assign(request, lead_id: int, payload: AssignIn):
    company = require_company(request)
    lead = selectors.lead_get_for_user(pk=lead_id, user=request.user, company=company)
    return services.lead_assign(
        lead=lead, actor=request.user, owner=_owner(request, company, payload.owner_id)
    )


@router.get(
    "/teams", response=list[TeamOut], summary="Sales teams with their territory, pool rules and pipeline"
)
def team_list(request):
    from ronghe.core.scoping import require_perm

    company = require_company(request)
    require_perm(request.user, company, "crm.view_salesteam")
    return list(selectors.team_list(company=company).select_related("company"))


def _team_save(request, payload: TeamIn, team=None):
    from django.db import transaction

    company = require_company(request)
    users = user_list(company=company)
    data = {
        "name": payload.name,
        "leader": resolve(users, payload.leader_id, "leader_id"),
        "members": [resolve(users, pk, "member_ids") for pk in payload.member_ids],
        "territory": payload.territory,
        "pool_days": payload.pool_days,
        "claim_limit": payload.claim_limit,
    }
    with transaction.atomic():
        team = services.team_save(company=company, actor=request.user, data=data, team=team)
        if payload.stages is not None:
            services.stages_save(
                company=company, actor=request.user, team=team, rows=[st.dict() for st in payload.stages]
            )
    return selectors.team_list(company=company).select_related("company").get(pk=team.pk)


@router.post("/teams", response={201: TeamOut})
def team_create(request, payload: TeamIn):
    return Status(201, _team_save(request, payload))


@router.put("/teams/{team_id}", response=TeamOut, summary="Change a team; with stages, replace its pipeline")
def team_update(request, team_id: int, payload: TeamIn):
    company = require_company(request)
    return _team_save(request, payload, resolve(selectors.team_list(company=company), team_id, "team_id"))


@router.post(
    "/leads/{lead_id}/convert",
    response={201: OpportunityOut},
    summary="Customer + contact + opportunity in one step (or linked to an existing customer)",
)
def lead_convert(request, lead_id: int, payload: ConvertIn):
    company = require_company(request)
    lead = selectors.lead_get_for_user(pk=lead_id, user=request.user, company=company)
    partner = (
        resolve(partner_list(user=request.user, company=company), payload.partner_id, "partner_id")
        if payload.partner_id
        else None
    )
    return Status(
        201,
        services.lead_convert(
            lead=lead,
            actor=request.user,
            partner=partner,
            opportunity_name=payload.opportunity_name,
            expected_amount=payload.expected_amount,
            close_date=payload.close_date,
        ),
    )


@router.get("/duplicates", response=list[CandidateOut], summary="查重: candidates for a name, phone, e-mail")
def duplicates(
    request, name: str = "", contact: str = "", phone: str = "", email: str = "", tax_id: str = ""
):
    company = require_company(request)
    selectors.lead_list(user=request.user, company=company)  # the permission check
    found = services.duplicates(company, name=name, contact=contact, phone=phone, email=email, tax_id=tax_id)
    return [
        {
            "kind": kind,
            "id": c.obj.pk,
            "name": str(c.obj),
            "owner": str(c.obj.owner) if c.obj.owner_id else None,
            "reasons": [str(r) for r in c.reasons],
            "score": c.score,
        }
        for kind in ("partners", "leads")
        for c in found[kind]
    ]


@router.get("/opportunities", response=page_of(OpportunityOut))
def opportunity_list(
    request,
    state: str = "",
    mine: bool = False,
    filter: str = "",
    q: str = "",
    page: int = 1,
    limit: int = 50,
):
    qs = selectors.opportunity_list(
        user=request.user, company=require_company(request), state=state, mine=mine, filter=filter, q=q
    )
    return paginate(qs.prefetch_related("orders"), page=page, limit=limit)


@router.post("/opportunities", response={201: OpportunityOut})
def opportunity_create(request, payload: OpportunityIn):
    company = require_company(request)
    data = payload.dict(exclude={"partner_id", "product_ids"})
    data["partner"] = resolve(
        partner_list(user=request.user, company=company), payload.partner_id, "partner_id"
    )
    data["products"] = [
        resolve(product_list(user=request.user, company=company), pid, "product_ids")
        for pid in payload.product_ids
    ]
    return Status(201, services.opportunity_create(company=company, actor=request.user, data=data))


def _opp(request, opp_id):
    return selectors.opportunity_get_for_user(pk=opp_id, user=request.user, company=require_company(request))


@router.post("/opportunities/{opp_id}/move", response=OpportunityOut, summary="To another stage (kanban)")
def opportunity_move(request, opp_id: int, payload: MoveIn):
    opp = _opp(request, opp_id)
    stage = resolve(Stage.objects.filter(company=opp.company), payload.stage_id, "stage_id")
    return services.opportunity_move(opportunity=opp, actor=request.user, stage=stage)


@router.post("/opportunities/{opp_id}/win", response=OpportunityOut)
def opportunity_win(request, opp_id: int):
    return services.opportunity_win(opportunity=_opp(request, opp_id), actor=request.user)


@router.post("/opportunities/{opp_id}/lose", response=OpportunityOut)
def opportunity_lose(request, opp_id: int, payload: LoseIn):
    return services.opportunity_lose(
        opportunity=_opp(request, opp_id), actor=request.user, reason=payload.reason
    )


@router.post(
    "/opportunities/{opp_id}/quotation",
    response={201: dict},
    summary="A quotation for the customer, linked: its confirmation wins the opportunity",
)
def opportunity_quote(request, opp_id: int, payload: QuoteIn):
    company = require_company(request)
    lines = resolve_in_lines(
        product_list(user=request.user, company=company, active=None),
        [x.dict() for x in payload.lines],
        key="product_id",
        into="product",
    )
    order = services.opportunity_quote(opportunity=_opp(request, opp_id), actor=request.user, lines=lines)
    return Status(201, {"id": order.pk, "number": order.number, "amount_total": str(order.amount_total)})


@router.post("/followups", response={201: FollowUpOut})
def followup_create(request, payload: FollowUpIn):
    company = require_company(request)
    partner = (
        resolve(partner_list(user=request.user, company=company), payload.partner_id, "partner_id")
        if payload.partner_id
        else None
    )
    lead = (
        resolve(selectors.lead_list(user=request.user, company=company), payload.lead_id, "lead_id")
        if payload.lead_id
        else None
    )
    opp = _opp(request, payload.opportunity_id) if payload.opportunity_id else None
    return Status(
        201,
        services.followup_log(
            actor=request.user,
            note=payload.note,
            kind=payload.kind,
            partner=partner,
            lead=lead,
            opportunity=opp,
            next_date=payload.next_date,
        ),
    )


@router.get("/pool", response=page_of(PoolOut), summary="The public pool (公海)")
def pool(request, q: str = "", page: int = 1, limit: int = 50):
    return paginate(
        selectors.pool_list(user=request.user, company=require_company(request), q=q), page=page, limit=limit
    )


def _pooled(request, partner_id):
    return resolve(
        selectors.pool_list(user=request.user, company=require_company(request)), partner_id, "partner_id"
    )


@router.post("/pool/{partner_id}/claim", response=PoolOut, summary="领取 within the per-person limit")
def pool_claim(request, partner_id: int):
    return services.pool_claim(partner=_pooled(request, partner_id), actor=request.user)


@router.post("/customers/{partner_id}/release", response=PoolOut, summary="放弃: back to the pool")
def pool_release(request, partner_id: int):
    company = require_company(request)
    partner = resolve(partner_list(user=request.user, company=company), partner_id, "partner_id")
    return services.pool_release(partner=partner, actor=request.user)


@router.post(
    "/customers/transfer", response=dict, summary="Transfer customers (one or many) to another owner"
)
def owner_transfer(request, payload: CustomerTransferIn):
    company = require_company(request)
    partners = [
        resolve(partner_list(user=request.user, company=company), pid, "partner_ids")
        for pid in payload.partner_ids
    ]
    n = services.owner_transfer(
        partners=partners,
        actor=request.user,
        new_owner=_owner(request, company, payload.new_owner_id),
        note=payload.note,
    )
    return {"transferred": n}
