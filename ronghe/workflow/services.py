"""The approval engine's state changes. Every action locks the request row first, so two approvers acting
at the same moment are serialized and exactly one decision counts.

Steps are the nodes of the chosen branch; tasks are one approver's part of a step. A sequential step
chains its tasks with `waits_for`; "all" and "any" steps activate every task at once. Tasks skipped
because the approver is the initiator or approved the previous node (去重) count as approvals.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core import events
from ronghe.core.audit import audit_transition
from ronghe.core.errors import InvalidTransition, NotFound, ValidationFailed
from ronghe.core.services import clean_and_save, sequence_next
from ronghe.core.transactions import service_transaction
from ronghe.timeline import services as timeline

from . import clock, rules
from .events import ApprovalDecided, ApprovalReturned, ApprovalSubmitted, ApprovalWithdrawn
from .models import (
    ApprovalLog,
    ApprovalRequest,
    ApprovalStep,
    ApprovalTask,
    Delegation,
    Flow,
    FlowVersion,
    LogAction,
)
from .registry import approvable_for
from .spec import choose_branch, validate_spec
from .states import TASK_APPROVED_LIKE, TASK_OPEN, TRANSITIONS, RequestState, StepState, TaskState

# --- flows -------------------------------------------------------------------------------------


@service_transaction
def flow_save(*, company, actor, approvable_type: str, name: str, spec: dict) -> Flow:
    """Create the flow of a document type or save a new version of it. Requests in progress keep theirs."""
    spec = validate_spec(spec)
    if not (name or "").strip():
        raise ValidationFailed(fields={"name": [_("This field is required.")]})
    flow = Flow.objects.select_for_update().filter(company=company, approvable_type=approvable_type).first()
    if flow is None:
        flow = clean_and_save(
            Flow(company=company, approvable_type=approvable_type, name=name.strip()), actor=actor
        )
    number = (flow.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = FlowVersion.objects.create(flow=flow, number=number, spec=spec, created_by=actor)
    flow.name = name.strip()
    flow.current_version = version
    flow.active = True
    flow.save()
    return flow


def flow_for(*, company, approvable_type: str) -> Flow:
    flow = (
        Flow.objects.filter(company=company, approvable_type=approvable_type, active=True)
        .select_related("current_version")
        .first()
    )
    if flow is None or flow.current_version is None:
        raise ValidationFailed(
            _("No approval flow is set up for this kind of document. Ask an administrator.")
        )
    return flow


def flow_preview(*, company, approvable_type: str, initiator, values: dict, spec: dict | None = None) -> dict:
    """Who would approve if `initiator` submitted with `values`: the branch and each node's approvers."""
    spec = (
        validate_spec(spec)
        if spec is not None
        else flow_for(company=company, approvable_type=approvable_type).current_version.spec
    )
    values = {**_built_in_values(company, initiator), **values}
    branch = choose_branch(spec, values)
    nodes = []
    for node in branch["nodes"]:
        users = rules.resolve(node, company=company, initiator=initiator, chosen={})
        fallback = ""
        if not users and node["approvers"]["rule"] != "self_select":
            fallback = spec.get("on_empty", "admin")
            if fallback == "admin":
                users = rules.company_admins(company)
        nodes.append(
            {
                "key": node["key"],
                "name": node["name"],
                "kind": node["kind"],
                "mode": node["mode"],
                "users": users,
                "fallback": fallback,
                "skips_initiator": any(u.pk == initiator.pk for u in users),
            }
        )
    return {"branch": branch["name"], "nodes": nodes}


# --- helpers -----------------------------------------------------------------------------------


def _built_in_values(company, initiator) -> dict:
    dept = rules.initiator_department(initiator, company=company)
    return {"initiator": initiator.pk, "department": dept.pk if dept else None}


def _log(req, action, *, actor=None, task=None, comment="", on_behalf_of=None, **detail) -> ApprovalLog:
    return ApprovalLog.objects.create(
        request=req,
        task=task,
        actor=actor,
        on_behalf_of=on_behalf_of,
        action=action,
        comment=comment or "",
        detail=detail,
        at=clock.now(),
    )


def _notify(user, req, title: str, body: str = "") -> None:
    timeline.notification_send(
        user=user, company_id=req.company_id, title=title, body=body, link=req.get_absolute_url()
    )
    from django.conf import settings

    from .tasks import approval_email_task

    if user.email and settings.EMAIL_HOST:
        approval_email_task.enqueue(
            user_id=user.pk, subject=title, body=body or title, link=req.get_absolute_url()
        )


def _event_args(req) -> dict:
    return {
        "request_id": req.pk,
        "company_id": req.company_id,
        "approvable_type": req.approvable_type,
        "target_label": req.target_type.model_class()._meta.label_lower,
        "target_id": req.target_id,
    }


def _lock(req) -> ApprovalRequest:
    return ApprovalRequest.objects.select_for_update().get(pk=req.pk)


def _guard(req, action: str, task=None) -> None:
    allowed, task_state = TRANSITIONS[action]
    if req.state not in allowed or (task_state is not None and (task is None or task.state != task_state)):
        raise InvalidTransition(
            _("This approval is no longer waiting for that action (it is %(state)s).")
            % {"state": req.get_state_display()}
        )


def _set_state(req, state: str, action: str) -> None:
    old = req.state
    req.state = state
    if state in {RequestState.APPROVED, RequestState.REJECTED, RequestState.WITHDRAWN}:
        req.finished_at = clock.now()
    req.save(update_fields=["state", "finished_at", "updated_at"])
    audit_transition(req, action=action, from_state=old, to_state=state)


def _open_tasks(req):
    return ApprovalTask.objects.select_for_update().filter(request=req, state__in=TASK_OPEN)


def _cancel_open(req) -> None:
    _open_tasks(req).update(state=TaskState.CANCELLED)
    ApprovalStep.objects.filter(request=req, state__in=[StepState.WAITING, StepState.ACTIVE]).update(
        state=StepState.CANCELLED, finished_at=clock.now()
    )


# --- building steps and moving forward ------------------------------------------------------------


def _build_round(req, *, chosen: dict | None) -> None:
    spec = req.flow_version.spec
    branch = choose_branch(spec, req.values)
    req.branch = branch["name"]
    req.save(update_fields=["branch"])
    for index, node in enumerate(branch["nodes"]):
        if node["approvers"]["rule"] == "self_select" and not (chosen or {}).get(node["key"]):
            raise ValidationFailed(
                fields={
                    f"approvers.{node['key']}": [
                        _("Choose the approvers of “%(node)s”.") % {"node": node["name"]}
                    ]
                }
            )
        step = ApprovalStep.objects.create(
            request=req,
            round=req.round,
            index=index,
            name=node["name"],
            kind=node["kind"],
            mode=node["mode"],
            node=node,
        )
        users = rules.resolve(node, company=req.company, initiator=req.initiator, chosen=chosen)
        if not users and node["kind"] == "approve" and spec.get("on_empty", "admin") == "admin":
            users = rules.company_admins(req.company)
        previous = None
        for order, user in enumerate(users):
            previous = ApprovalTask.objects.create(
                step=step,
                request=req,
                company_id=req.company_id,
                assignee=user,
                order=order,
                waits_for=previous if node["mode"] == "sequential" else None,
            )


def _previous_approvers(step) -> set[int]:
    """Users who approved the nearest earlier approval node of this round (for 去重).

    Nodes that passed without anyone deciding (skipped, nobody to approve) are transparent, so the same
    approver around such a node still counts as consecutive."""
    earlier = ApprovalStep.objects.filter(
        request_id=step.request_id, round=step.round, index__lt=step.index, kind="approve"
    ).order_by("-index")
    for prev in earlier:
        approved = set(prev.tasks.filter(state=TaskState.APPROVED).values_list("decided_by_id", flat=True))
        if approved:
            return approved
    return set()


def _activate_task(task, req, now) -> None:
    """A task reaches its approver: delegation, deadlines, notification."""
    deputy = rules.deputy_for(task.assignee, company=req.company, on=timezone.localdate(now))
    if deputy is not None and task.on_behalf_of_id is None:
        task.on_behalf_of = task.assignee
        task.assignee = deputy
    task.state = TaskState.PENDING
    task.activated_at = now
    hours = task.step.node.get("deadline_hours")
    if hours:
        task.due_at = now + timedelta(hours=float(hours))
        esc = req.flow_version.spec.get("escalation")
        if esc:
            task.escalate_at = task.due_at + timedelta(hours=float(esc["after_hours"]))
    task.save()
    if task.due_at:
        from .tasks import approval_deadline_task

        approval_deadline_task.using(run_after=task.due_at).enqueue(task_id=task.pk)
        if task.escalate_at:
            approval_deadline_task.using(run_after=task.escalate_at).enqueue(task_id=task.pk)
    title = _("Waiting for your approval: %(title)s") % {"title": req.title}
    if task.on_behalf_of_id:
        title += " " + _("(on behalf of %(name)s)") % {"name": task.on_behalf_of.get_display_name()}
    _notify(task.assignee, req, title, req.summary)


def _auto_pass(task, req, reason: str, now) -> None:
    task.state = TaskState.SKIPPED
    task.decided_at = now
    task.decided_by = task.assignee
    task.save()
    _log(
        req,
        LogAction.SKIPPED if reason == "initiator" else LogAction.AUTO_APPROVED,
        actor=task.assignee,
        task=task,
        reason=reason,
    )


def _step_satisfied(step) -> bool:
    tasks = list(step.tasks.all())
    if step.mode == "any":
        approved = [t for t in tasks if t.state in TASK_APPROVED_LIKE]
        open_after = {t.added_after_id for t in tasks if t.state in TASK_OPEN and t.added_after_id}
        return any(t.pk not in open_after for t in approved)
    live = [t for t in tasks if t.state not in {TaskState.TRANSFERRED, TaskState.CANCELLED}]
    return bool(live) and all(t.state in TASK_APPROVED_LIKE for t in live)


def _release_waiting(step, req, now) -> None:
    """Activate waiting tasks whose predecessor is done (sequential order, 前加签)."""
    for t in step.tasks.filter(state=TaskState.WAITING).select_related("waits_for", "assignee", "step"):
        if t.waits_for is None or t.waits_for.state in TASK_APPROVED_LIKE:
            _enter_task(t, req, now)


def _enter_task(task, req, now) -> None:
    """A waiting task's turn has come: pass it automatically (initiator, 去重) or put it in the inbox.

    Claimed with a conditional UPDATE so a task reached twice in one cascade is entered once."""
    if not ApprovalTask.objects.filter(pk=task.pk, state=TaskState.WAITING).update(state=TaskState.PENDING):
        return
    task.refresh_from_db()
    if task.assignee_id == req.initiator_id:
        _auto_pass(task, req, "initiator", now)
        _release_waiting(task.step, req, now)
    elif task.assignee_id in _previous_approvers(task.step):
        _auto_pass(task, req, "approved_previous_node", now)
        _release_waiting(task.step, req, now)
    else:
        _activate_task(task, req, now)


def _advance(req) -> None:
    """Finish the active step if satisfied and move to the next node(s) until someone must decide."""
    now = clock.now()
    while True:
        active = ApprovalStep.objects.filter(request=req, round=req.round, state=StepState.ACTIVE).first()
        if active is not None:
            if not _step_satisfied(active):
                return
            ApprovalTask.objects.filter(step=active, state__in=TASK_OPEN).update(state=TaskState.CANCELLED)
            active.state = StepState.APPROVED
            active.finished_at = now
            active.save(update_fields=["state", "finished_at"])
            continue
        step = (
            ApprovalStep.objects.filter(request=req, round=req.round, state=StepState.WAITING)
            .order_by("index")
            .first()
        )
        if step is None:
            _finish(req, RequestState.APPROVED)
            return
        step.state = StepState.ACTIVE
        step.activated_at = now
        step.save(update_fields=["state", "activated_at"])
        tasks = list(step.tasks.select_related("assignee").order_by("order", "id"))
        if step.kind == "cc":
            for t in tasks:
                t.state = TaskState.CC
                t.activated_at = now
                t.save(update_fields=["state", "activated_at"])
                _notify(
                    t.assignee, req, _("For your information: %(title)s") % {"title": req.title}, req.summary
                )
            _log(req, LogAction.CC, users=[t.assignee.get_display_name() for t in tasks], node=step.name)
            step.state = StepState.DONE
            step.finished_at = now
            step.save(update_fields=["state", "finished_at"])
            continue
        if not tasks:  # nobody to approve and the flow says skip
            step.state = StepState.SKIPPED
            step.finished_at = now
            step.save(update_fields=["state", "finished_at"])
            _log(req, LogAction.SKIPPED, node=step.name, reason="nobody")
            continue
        for t in tasks:
            if t.waits_for_id is None:
                _enter_task(t, req, now)


def _finish(req, state: str) -> None:
    _set_state(req, state, action="approve" if state == RequestState.APPROVED else "reject")
    _log(req, LogAction.FINISHED, state=state)
    _notify(
        req.initiator,
        req,
        (_("Approved: %(title)s") if state == RequestState.APPROVED else _("Rejected: %(title)s"))
        % {"title": req.title},
    )
    events.publish(ApprovalDecided(**_event_args(req), decision=state))


# --- submitting ------------------------------------------------------------------------------------


@service_transaction
def request_submit(*, target, initiator, chosen: dict | None = None) -> ApprovalRequest:
    """Start the approval of a document under its type's current flow version.

    `chosen` gives the approvers of 自选 nodes: {node_key: [user ids]}. Refuses a document that already has
    a request in progress. Raises ValidationFailed (no flow, no approvers chosen), InvalidTransition.
    """
    approvable = approvable_for(target)
    company = target.company
    ct = ContentType.objects.get_for_model(type(target))
    if (
        ApprovalRequest.objects.select_for_update()
        .filter(
            target_type=ct, target_id=target.pk, state__in=[RequestState.SUBMITTED, RequestState.RETURNED]
        )
        .exists()
    ):
        raise InvalidTransition(_("This document already has an approval in progress."))
    type_key = approvable.type_key(target)
    flow = flow_for(company=company, approvable_type=type_key)
    values = {**_built_in_values(company, initiator), **approvable.values(target)}
    req = ApprovalRequest.objects.create(
        company=company,
        created_by=initiator,
        number=sequence_next(company=company, code="workflow.request"),
        flow_version=flow.current_version,
        approvable_type=type_key,
        target_type=ct,
        target_id=target.pk,
        title=approvable.title(target)[:200],
        summary=approvable.summary(target)[:300],
        initiator=initiator,
        values=values,
        submitted_at=clock.now(),
    )
    audit_transition(req, action="submit", from_state="draft", to_state=RequestState.SUBMITTED)
    _build_round(req, chosen=chosen)
    _log(req, LogAction.SUBMITTED, actor=initiator, branch=req.branch)
    timeline.follower_add(record=req, user=initiator)
    events.publish(ApprovalSubmitted(**_event_args(req)))
    _advance(req)
    return req


@service_transaction
def request_resubmit(*, request, actor, chosen: dict | None = None) -> ApprovalRequest:
    """The initiator sends a returned request again: a new round under the same flow version."""
    req = _lock(request)
    _guard(req, "resubmit")
    if actor.pk != req.initiator_id:
        raise NotFound()
    target = req.target
    approvable = approvable_for(target)
    req.values = {**_built_in_values(req.company, req.initiator), **approvable.values(target)}
    req.title = approvable.title(target)[:200]
    req.summary = approvable.summary(target)[:300]
    req.round += 1
    req.save(update_fields=["values", "title", "summary", "round"])
    _set_state(req, RequestState.SUBMITTED, action="resubmit")
    _build_round(req, chosen=chosen)
    _log(req, LogAction.RESUBMITTED, actor=actor, branch=req.branch)
    events.publish(ApprovalSubmitted(**_event_args(req)))
    _advance(req)
    return req


# --- deciding ---------------------------------------------------------------------------------------


def _my_task(req, task, actor, action):
    task = (
        ApprovalTask.objects.select_for_update()
        .select_related("step")
        .filter(pk=task.pk, request=req)
        .first()
    )
    if task is None or task.assignee_id != actor.pk:
        raise NotFound(_("This approval task is not yours."))
    _guard(req, action, task)
    return task


def _decide(task, actor, state, comment):
    task.state = state
    task.comment = comment or ""
    task.decided_at = clock.now()
    task.decided_by = actor
    task.save()


def _stop_on(req, task, actor, comment, task_state, log_action, step_state) -> None:
    """A decision that stops the request (reject, return): record it and close every other open task."""
    _decide(task, actor, task_state, comment)
    _log(req, log_action, actor=actor, task=task, comment=comment, on_behalf_of=task.on_behalf_of)
    _cancel_open(req)
    ApprovalStep.objects.filter(pk=task.step_id).update(state=step_state, finished_at=clock.now())


def _replace_task(task, req, assignee, *, added_by=None) -> ApprovalTask:
    """Give a just-closed task's place to `assignee` (转交, escalation): same step and order, and whoever
    waited for it now waits for the new task."""
    new = ApprovalTask.objects.create(
        step=task.step,
        request=req,
        company_id=req.company_id,
        assignee=assignee,
        order=task.order,
        added_by=added_by,
        added_after=task.added_after,
    )
    ApprovalTask.objects.filter(waits_for=task).update(waits_for=new)
    return new


@service_transaction
def task_approve(*, task, actor, comment: str = "") -> ApprovalRequest:
    """Approve one's pending task. The step finishes by its mode; the request moves on or is approved."""
    req = _lock(task.request)
    task = _my_task(req, task, actor, "approve")
    _decide(task, actor, TaskState.APPROVED, comment)
    _log(req, LogAction.APPROVED, actor=actor, task=task, comment=comment, on_behalf_of=task.on_behalf_of)
    _release_waiting(task.step, req, clock.now())
    _advance(req)
    return req


@service_transaction
def task_reject(*, task, actor, comment: str) -> ApprovalRequest:
    """Reject: ends the request. A comment is required."""
    if not (comment or "").strip():
        raise ValidationFailed(fields={"comment": [_("Say why you reject.")]})
    req = _lock(task.request)
    task = _my_task(req, task, actor, "reject")
    _stop_on(req, task, actor, comment, TaskState.REJECTED, LogAction.REJECTED, StepState.REJECTED)
    _finish(req, RequestState.REJECTED)
    return req


@service_transaction
def task_return(*, task, actor, comment: str) -> ApprovalRequest:
    """Return to the initiator (退回), who edits and resubmits or withdraws. A comment is required."""
    if not (comment or "").strip():
        raise ValidationFailed(fields={"comment": [_("Say what should be changed.")]})
    req = _lock(task.request)
    task = _my_task(req, task, actor, "return")
    _stop_on(req, task, actor, comment, TaskState.RETURNED, LogAction.RETURNED, StepState.RETURNED)
    _set_state(req, RequestState.RETURNED, action="return")
    _notify(req.initiator, req, _("Returned to you: %(title)s") % {"title": req.title}, comment)
    events.publish(ApprovalReturned(**_event_args(req)))
    return req


@service_transaction
def task_transfer(*, task, actor, to_user, comment: str = "") -> ApprovalTask:
    """Hand one's pending task to another user of the company (转交)."""
    req = _lock(task.request)
    task = _my_task(req, task, actor, "transfer")
    if to_user is None or not rules.company_users(req.company).filter(pk=to_user.pk).exists():
        raise ValidationFailed(fields={"to_user": [_("Choose a user of this company.")]})
    if to_user.pk == actor.pk:
        raise ValidationFailed(fields={"to_user": [_("Choose someone else.")]})
    _decide(task, actor, TaskState.TRANSFERRED, comment)
    new = _replace_task(task, req, to_user, added_by=actor)
    _log(req, LogAction.TRANSFERRED, actor=actor, task=task, comment=comment, to=to_user.get_display_name())
    _activate_task(new, req, clock.now())
    return new


@service_transaction
def task_add_approver(*, task, actor, user, position: str, comment: str = "") -> ApprovalTask:
    """加签: add `user` before oneself (they decide first, then it comes back) or after oneself (one approves
    now, and the step also needs their approval)."""
    if position not in {"before", "after"}:
        raise ValidationFailed(fields={"position": [_("Choose before or after.")]})
    req = _lock(task.request)
    task = _my_task(req, task, actor, "add_approver")
    if (
        user is None
        or not rules.company_users(req.company).filter(pk=user.pk).exists()
        or user.pk == actor.pk
    ):
        raise ValidationFailed(fields={"user": [_("Choose another user of this company.")]})
    now = clock.now()
    if position == "before":
        new = ApprovalTask.objects.create(
            step=task.step,
            request=req,
            company_id=req.company_id,
            assignee=user,
            order=task.order,
            added_by=actor,
            waits_for=task.waits_for,
        )
        task.state = TaskState.WAITING
        task.waits_for = new
        task.save(update_fields=["state", "waits_for"])
        _log(
            req,
            LogAction.ADDED,
            actor=actor,
            task=task,
            comment=comment,
            user=user.get_display_name(),
            position=position,
        )
        _activate_task(new, req, now)
        return new
    _decide(task, actor, TaskState.APPROVED, comment)
    new = ApprovalTask.objects.create(
        step=task.step,
        request=req,
        company_id=req.company_id,
        assignee=user,
        order=task.order + 1,
        added_by=actor,
        added_after=task,
    )
    ApprovalTask.objects.filter(waits_for=task).exclude(pk=new.pk).update(waits_for=new)
    _log(req, LogAction.APPROVED, actor=actor, task=task, comment=comment, on_behalf_of=task.on_behalf_of)
    _log(req, LogAction.ADDED, actor=actor, task=task, user=user.get_display_name(), position=position)
    _activate_task(new, req, now)
    return new


@service_transaction
def request_withdraw(*, request, actor, comment: str = "") -> ApprovalRequest:
    """The initiator takes the request back while it is not finished."""
    req = _lock(request)
    if actor.pk != req.initiator_id:
        raise NotFound()
    _guard(req, "withdraw")
    _cancel_open(req)
    _set_state(req, RequestState.WITHDRAWN, action="withdraw")
    _log(req, LogAction.WITHDRAWN, actor=actor, comment=comment)
    events.publish(ApprovalWithdrawn(**_event_args(req)))
    return req


@service_transaction
def request_urge(*, request, actor) -> int:
    """催办: remind the approvers currently deciding. Returns how many were reminded."""
    req = _lock(request)
    if actor.pk != req.initiator_id:
        raise NotFound()
    _guard(req, "urge")
    pending = list(
        ApprovalTask.objects.filter(request=req, state=TaskState.PENDING).select_related("assignee")
    )
    for t in pending:
        _notify(
            t.assignee,
            req,
            _("Please approve: %(title)s") % {"title": req.title},
            _("%(name)s is waiting for your decision.") % {"name": actor.get_display_name()},
        )
    _log(req, LogAction.URGED, actor=actor, users=[t.assignee.get_display_name() for t in pending])
    return len(pending)


@service_transaction
def request_comment(*, request, actor, body: str):
    """A comment on the request (its timeline); attachments go through the timeline too."""
    msg = timeline.message_post(record=request, author=actor, body=body)
    _log(request, LogAction.COMMENTED, actor=actor, comment=body[:1000])
    return msg


# --- deadlines and escalation ------------------------------------------------------------------


@service_transaction
def deadlines_process(*, now=None, task_ids=None) -> dict:
    """Remind approvers whose deadline passed; escalate tasks whose escalation time passed.

    Idempotent: a task is reminded once and escalated once. Run by a scheduled task at each deadline and
    by `ronghe approvals-tick`.
    """
    now = now or clock.now()
    counts = {"reminded": 0, "escalated": 0}
    due = ApprovalTask.objects.filter(state=TaskState.PENDING, due_at__lte=now, reminded_at__isnull=True)
    if task_ids is not None:
        due = due.filter(pk__in=task_ids)
    for task in due.select_related("request", "assignee"):
        req = _lock(task.request)
        task = ApprovalTask.objects.select_for_update().get(pk=task.pk)
        if task.state != TaskState.PENDING or task.reminded_at:
            continue
        task.reminded_at = now
        task.save(update_fields=["reminded_at"])
        _notify(task.assignee, req, _("Deadline passed, please approve: %(title)s") % {"title": req.title})
        _log(req, LogAction.REMINDED, task=task, user=task.assignee.get_display_name())
        counts["reminded"] += 1
    late = ApprovalTask.objects.filter(state=TaskState.PENDING, escalate_at__lte=now)
    if task_ids is not None:
        late = late.filter(pk__in=task_ids)
    for task in late.select_related("request"):
        req = _lock(task.request)
        task = ApprovalTask.objects.select_for_update().select_related("step", "assignee").get(pk=task.pk)
        if task.state != TaskState.PENDING or req.state != RequestState.SUBMITTED:
            continue
        esc = req.flow_version.spec.get("escalation") or {}
        if esc.get("to") == "auto_approve":
            _decide(task, None, TaskState.APPROVED, _("Approved automatically after the deadline."))
            _log(
                req,
                LogAction.AUTO_APPROVED,
                task=task,
                reason="escalation",
                user=task.assignee.get_display_name(),
            )
            _release_waiting(task.step, req, now)
            _advance(req)
        else:
            target = rules.manager_of(task.assignee, company=req.company) or next(
                iter(rules.company_admins(req.company)), None
            )
            if target is None or target.pk == task.assignee_id:
                continue
            _decide(task, None, TaskState.TRANSFERRED, _("Escalated after the deadline."))
            new = _replace_task(task, req, target)
            _log(
                req,
                LogAction.ESCALATED,
                task=task,
                frm=task.assignee.get_display_name(),
                to=target.get_display_name(),
            )
            _activate_task(new, req, now)
        counts["escalated"] += 1
    return counts


# --- delegation ------------------------------------------------------------------------------------


@service_transaction
def delegation_save(*, company, actor, deputy, start_date, end_date, user=None) -> Delegation:
    """Name a deputy for a date range (one's own, or anyone's for an administrator)."""
    user = user or actor
    errors = {}
    if deputy is None or not rules.company_users(company).filter(pk=deputy.pk).exists():
        errors["deputy"] = [_("Choose a user of this company.")]
    elif deputy.pk == user.pk:
        errors["deputy"] = [_("Choose someone else.")]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return clean_and_save(
        Delegation(company=company, user=user, deputy=deputy, start_date=start_date, end_date=end_date),
        actor=actor,
    )


@service_transaction
def delegation_end(*, delegation, actor) -> Delegation:
    if delegation.user_id != actor.pk:
        raise NotFound()
    delegation.active = False
    delegation.save(update_fields=["active", "updated_at"])
    return delegation
