"""Reads of the approval engine: the inbox tabs, a request with its progress, the viewer's actions."""

from django.db.models import Count, Q

from ronghe.core.errors import NotFound
from ronghe.core.scoping import is_company_admin

from .models import ApprovalLog, ApprovalRequest, ApprovalStep, ApprovalTask, Delegation, Flow
from .states import TRANSITIONS, RequestState, StepState, TaskState

TABS = ("todo", "done", "mine", "cc")


def _filter(
    qs, *, prefix: str, q="", approvable_type="", initiator=None, date_from=None, date_to=None, state=""
):
    if q:
        qs = qs.filter(
            Q(**{f"{prefix}title__icontains": q})
            | Q(**{f"{prefix}number__icontains": q})
            | Q(**{f"{prefix}summary__icontains": q})
        )
    if approvable_type:
        qs = qs.filter(**{f"{prefix}approvable_type": approvable_type})
    if initiator:
        qs = qs.filter(**{f"{prefix}initiator_id": initiator})
    if date_from:
        qs = qs.filter(**{f"{prefix}submitted_at__date__gte": date_from})
    if date_to:
        qs = qs.filter(**{f"{prefix}submitted_at__date__lte": date_to})
    if state:
        qs = qs.filter(**{f"{prefix}state": state})
    return qs


def inbox(*, user, company, tab: str, **filters):
    """Requests of one inbox tab, newest first:
    todo = waiting for me · done = I decided · mine = I submitted · cc = copied to me."""
    base = ApprovalRequest.objects.filter(company=company).select_related("initiator")
    if tab == "todo":
        ids = ApprovalTask.objects.filter(company=company, assignee=user, state=TaskState.PENDING).values(
            "request_id"
        )
    elif tab == "done":
        ids = (
            ApprovalTask.objects.filter(company=company, decided_by=user)
            .exclude(state=TaskState.SKIPPED)
            .values("request_id")
        )
    elif tab == "cc":
        ids = ApprovalTask.objects.filter(company=company, assignee=user, state=TaskState.CC).values(
            "request_id"
        )
    elif tab == "mine":
        return _filter(base.filter(initiator=user), prefix="", **filters)
    else:
        raise NotFound()
    return _filter(base.filter(pk__in=ids), prefix="", **filters)


def inbox_counts(*, user, company) -> dict:
    row = ApprovalTask.objects.filter(company=company, assignee=user).aggregate(
        todo=Count("id", filter=Q(state=TaskState.PENDING)),
        cc=Count("request_id", filter=Q(state=TaskState.CC), distinct=True),
    )
    row["mine_open"] = ApprovalRequest.objects.filter(
        company=company, initiator=user, state__in=[RequestState.SUBMITTED, RequestState.RETURNED]
    ).count()
    return row


def pending_task_for(*, request, user):
    return ApprovalTask.objects.filter(request=request, assignee=user, state=TaskState.PENDING).first()


def request_get_for_user(*, pk, user, company) -> ApprovalRequest:
    """A request is visible to its initiator, everyone who has or had a task on it, and company admins."""
    req = (
        ApprovalRequest.objects.filter(pk=pk, company=company)
        .select_related("initiator", "flow_version__flow", "target_type")
        .first()
    )
    if req is None:
        raise NotFound()
    if req.initiator_id == user.pk or is_company_admin(user, company):
        return req
    if (
        ApprovalTask.objects.filter(request=req)
        .filter(Q(assignee=user) | Q(on_behalf_of=user) | Q(decided_by=user))
        .exists()
    ):
        return req
    raise NotFound()


def request_for_target(target) -> ApprovalRequest | None:
    """The latest approval request of a document (any state), or None."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(type(target))
    return ApprovalRequest.objects.filter(target_type=ct, target_id=target.pk).order_by("-id").first()


def is_locked(target) -> bool:
    """While a request is in progress the document cannot be edited."""
    req = request_for_target(target)
    return req is not None and req.state == RequestState.SUBMITTED


def allowed_actions(*, request, user) -> set[str]:
    """The actions the viewer may take now, from the same TRANSITIONS table the services enforce."""
    actions = set()
    task = pending_task_for(request=request, user=user)
    for action, (states, task_state) in TRANSITIONS.items():
        if request.state not in states:
            continue
        if task_state is not None:
            if task is not None and task.state == task_state:
                actions.add(action)
        elif action in {"withdraw", "urge", "resubmit"}:
            if request.initiator_id == user.pk:
                actions.add(action)
        else:
            actions.add(action)
    return actions


def progress(*, request) -> dict:
    """The vertical progress line: what happened (log) and what is still ahead (steps of this round)."""
    log = list(ApprovalLog.objects.filter(request=request).select_related("actor", "on_behalf_of"))
    steps = list(
        ApprovalStep.objects.filter(request=request, round=request.round).prefetch_related(
            "tasks__assignee", "tasks__on_behalf_of"
        )
    )
    ahead = [s for s in steps if s.state in {StepState.ACTIVE, StepState.WAITING}]
    return {"log": log, "steps": steps, "ahead": ahead}


def open_task_count(*, request) -> int:
    return ApprovalTask.objects.filter(
        request=request, state__in=[TaskState.WAITING, TaskState.PENDING]
    ).count()


def flow_list(*, company):
    return Flow.objects.filter(company=company).select_related("current_version").order_by("approvable_type")


def delegation_list(*, user, company):
    return (
        Delegation.objects.filter(company=company, user=user).select_related("deputy").order_by("-start_date")
    )
