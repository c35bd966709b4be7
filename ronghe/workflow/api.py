"""Approval endpoints: my tasks, requests and their progress, the decisions, flows, deputies."""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.errors import NotFound
from ronghe.core.scoping import is_company_admin
from ronghe.core.selectors import user_list

from . import registry, selectors, services
from .models import ApprovalTask
from .states import TaskState

router = Router(tags=["approvals"])


class RequestOut(Schema):
    id: int
    number: str
    title: str
    summary: str
    approvable_type: str
    state: str
    initiator_id: int
    initiator_name: str
    branch: str
    round: int
    submitted_at: datetime
    finished_at: datetime | None
    target: str
    target_id: int

    @staticmethod
    def resolve_initiator_name(obj):
        return obj.initiator.get_display_name()

    @staticmethod
    def resolve_target(obj):
        return obj.target_type.model_class()._meta.label_lower


class TaskOut(Schema):
    id: int
    request_id: int
    step: str
    assignee_id: int
    on_behalf_of_id: int | None
    state: str
    comment: str
    due_at: datetime | None
    decided_at: datetime | None

    @staticmethod
    def resolve_step(obj):
        return obj.step.name


class LogOut(Schema):
    action: str
    actor_id: int | None
    actor_name: str | None
    on_behalf_of_id: int | None
    comment: str
    detail: dict
    at: datetime

    @staticmethod
    def resolve_actor_name(obj):
        return obj.actor.get_display_name() if obj.actor_id else None


class RequestDetailOut(RequestOut):
    values: dict
    tasks: list[TaskOut]
    log: list[LogOut]
    actions: list[str]

    @staticmethod
    def resolve_tasks(obj):
        return list(obj.tasks.select_related("step").order_by("step__round", "step__index", "order", "id"))

    @staticmethod
    def resolve_log(obj):
        return list(obj.log.select_related("actor"))

    @staticmethod
    def resolve_actions(obj, context):
        return sorted(selectors.allowed_actions(request=obj, user=context["request"].user))


class CommentIn(Schema):
    comment: str = ""


class UserActionIn(Schema):
    user_id: int
    comment: str = ""


class AddApproverIn(UserActionIn):
    position: str = Field("before", pattern="^(before|after)$")


class BodyIn(Schema):
    body: str


class FlowOut(Schema):
    approvable_type: str
    name: str
    version: int | None
    spec: dict | None


class FlowIn(Schema):
    name: str
    spec: dict


class PreviewIn(Schema):
    initiator_id: int | None = None
    values: dict = {}


class DelegationIn(Schema):
    deputy_id: int
    start_date: date
    end_date: date


class DelegationOut(Schema):
    id: int
    user_id: int
    deputy_id: int
    start_date: date
    end_date: date
    active: bool


def _detail(req, user):
    req.refresh_from_db()
    return req


def _req(request, request_id):
    return selectors.request_get_for_user(pk=request_id, user=request.user, company=require_company(request))


def _task(request, task_id) -> ApprovalTask:
    task = (
        ApprovalTask.objects.select_related("request")
        .filter(pk=task_id, company=require_company(request))
        .first()
    )
    if task is None or (task.assignee_id != request.user.pk):
        raise NotFound()
    return task


@router.get("/requests", response=page_of(RequestOut), summary="Inbox: tab = todo | done | mine | cc")
def request_list(request, tab: str = "todo", q: str = "", type: str = "", page: int = 1, limit: int = 50):
    qs = selectors.inbox(
        user=request.user, company=require_company(request), tab=tab, q=q, approvable_type=type
    )
    return paginate(qs.select_related("target_type"), page=page, limit=limit)


@router.get("/tasks", response=list[TaskOut], summary="My pending approval tasks")
def my_tasks(request):
    return list(
        ApprovalTask.objects.filter(
            company=require_company(request), assignee=request.user, state=TaskState.PENDING
        ).select_related("step")
    )


@router.get("/requests/{request_id}", response=RequestDetailOut)
def request_get(request, request_id: int):
    return _detail(_req(request, request_id), request.user)


@router.post("/tasks/{task_id}/approve", response=RequestDetailOut)
def task_approve(request, task_id: int, payload: CommentIn):
    task = _task(request, task_id)
    return _detail(
        services.task_approve(task=task, actor=request.user, comment=payload.comment), request.user
    )


@router.post("/tasks/{task_id}/reject", response=RequestDetailOut)
def task_reject(request, task_id: int, payload: CommentIn):
    task = _task(request, task_id)
    return _detail(services.task_reject(task=task, actor=request.user, comment=payload.comment), request.user)


@router.post("/tasks/{task_id}/return", response=RequestDetailOut)
def task_return(request, task_id: int, payload: CommentIn):
    task = _task(request, task_id)
    return _detail(services.task_return(task=task, actor=request.user, comment=payload.comment), request.user)


@router.post("/tasks/{task_id}/transfer", response=TaskOut)
def task_transfer(request, task_id: int, payload: UserActionIn):
    task = _task(request, task_id)
    to_user = resolve(user_list(company=request.company), payload.user_id, "user_id")
    return services.task_transfer(task=task, actor=request.user, to_user=to_user, comment=payload.comment)


@router.post("/tasks/{task_id}/add-approver", response=TaskOut)
def task_add_approver(request, task_id: int, payload: AddApproverIn):
    task = _task(request, task_id)
    user = resolve(user_list(company=request.company), payload.user_id, "user_id")
    return services.task_add_approver(
        task=task, actor=request.user, user=user, position=payload.position, comment=payload.comment
    )


@router.post("/requests/{request_id}/withdraw", response=RequestDetailOut)
def request_withdraw(request, request_id: int, payload: CommentIn):
    req = _req(request, request_id)
    return _detail(
        services.request_withdraw(request=req, actor=request.user, comment=payload.comment), request.user
    )


@router.post("/requests/{request_id}/urge", response=dict)
def request_urge(request, request_id: int):
    return {"reminded": services.request_urge(request=_req(request, request_id), actor=request.user)}


@router.post("/requests/{request_id}/comments", response={201: dict})
def request_comment(request, request_id: int, payload: BodyIn):
    msg = services.request_comment(request=_req(request, request_id), actor=request.user, body=payload.body)
    return Status(201, {"id": msg.pk})


@router.get("/flows", response=list[FlowOut])
def flow_list(request):
    company = require_company(request)
    flows = {f.approvable_type: f for f in selectors.flow_list(company=company)}
    out = []
    for key, label in registry.type_choices(company):
        f = flows.get(key)
        out.append(
            {
                "approvable_type": key,
                "name": f.name if f else str(label),
                "version": f.current_version.number if f and f.current_version else None,
                "spec": f.current_version.spec if f and f.current_version else None,
            }
        )
    return out


@router.put("/flows/{approvable_type}", response=FlowOut, summary="Save a new version of a flow (admins)")
def flow_put(request, approvable_type: str, payload: FlowIn):
    company = require_company(request)
    if not is_company_admin(request.user, company):
        raise NotFound()
    if approvable_type not in dict(registry.type_choices(company)):
        raise NotFound()
    flow = services.flow_save(
        company=company,
        actor=request.user,
        approvable_type=approvable_type,
        name=payload.name,
        spec=payload.spec,
    )
    return {
        "approvable_type": approvable_type,
        "name": flow.name,
        "version": flow.current_version.number,
        "spec": flow.current_version.spec,
    }


@router.post("/flows/{approvable_type}/preview", response=dict, summary="Who would approve")
def flow_preview(request, approvable_type: str, payload: PreviewIn):
    company = require_company(request)
    initiator = resolve(user_list(company=company), payload.initiator_id, "initiator_id") or request.user
    result = services.flow_preview(
        company=company, approvable_type=approvable_type, initiator=initiator, values=payload.values
    )
    return {
        "branch": result["branch"],
        "nodes": [
            {
                **{k: v for k, v in n.items() if k != "users"},
                "users": [{"id": u.pk, "name": u.get_display_name()} for u in n["users"]],
            }
            for n in result["nodes"]
        ],
    }


@router.get("/delegations", response=list[DelegationOut])
def delegation_list(request):
    return list(selectors.delegation_list(user=request.user, company=require_company(request)))


@router.post("/delegations", response={201: DelegationOut})
def delegation_create(request, payload: DelegationIn):
    company = require_company(request)
    deputy = resolve(user_list(company=company), payload.deputy_id, "deputy_id")
    return Status(
        201,
        services.delegation_save(
            company=company,
            actor=request.user,
            deputy=deputy,
            start_date=payload.start_date,
            end_date=payload.end_date,
        ),
    )
