"""Property: whatever the flow and whatever the approvers do, a request ends in exactly one final state,
no task stays pending after it ends, and a request in approval always has someone who can act."""

import itertools
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ronghe.core.errors import DomainError
from ronghe.oaforms.models import FormRequest
from ronghe.oaforms.services import form_request_create_and_submit, form_request_submit, template_save
from ronghe.workflow import clock, services
from ronghe.workflow.models import ApprovalLog, ApprovalTask, LogAction
from ronghe.workflow.selectors import request_for_target
from ronghe.workflow.states import REQUEST_FINAL, RequestState, TaskState

pytestmark = pytest.mark.django_db
POOL = ["wangfang", "liuyang", "lina", "sunli", "zhangwei", "zhaolei", "admin"]
_codes = itertools.count()

rules = st.one_of(
    st.builds(
        lambda us: {"rule": "users", "users": us}, st.lists(st.sampled_from(POOL), min_size=1, max_size=3)
    ),
    st.builds(
        lambda r: {"rule": "role", "role": r},
        st.sampled_from(["accountant", "hr", "general_manager", "nobody"]),
    ),
    st.just({"rule": "dept_head"}),
    st.builds(lambda n: {"rule": "manager", "levels": n}, st.integers(1, 3)),
    st.just({"rule": "self_select"}),
)
nodes = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["approve", "approve", "cc"]),
            "mode": st.sampled_from(["sequential", "all", "any"]),
            "approvers": rules,
            "deadline_hours": st.sampled_from([None, None, 1]),
        }
    ),
    min_size=1,
    max_size=4,
).filter(lambda ns: any(n["kind"] == "approve" for n in ns))
specs = st.fixed_dictionaries(
    {
        "on_empty": st.sampled_from(["admin", "skip"]),
        "escalation": st.sampled_from(
            [None, {"after_hours": 1, "to": "manager"}, {"after_hours": 1, "to": "auto_approve"}]
        ),
        "branches": st.lists(nodes, min_size=1, max_size=3),
        "threshold": st.integers(0, 100),
    }
)
actions = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "approve",
                "approve",
                "approve",
                "reject",
                "return",
                "transfer",
                "add_before",
                "add_after",
                "withdraw",
                "resubmit",
                "tick",
            ]
        ),
        st.integers(0, 50),
    ),
    max_size=25,
)


def _spec(raw, users):
    branches = []
    for i, ns in enumerate(raw["branches"]):
        built = []
        for j, n in enumerate(ns):
            a = dict(n["approvers"])
            if a["rule"] == "users":
                a["users"] = [users[x].pk for x in a["users"]]
            built.append({"key": f"b{i}n{j}", "name": f"n{j}", **n, "approvers": a})
        last = i == len(raw["branches"]) - 1
        cond = [] if last else [{"field": "amount", "op": ">=", "value": raw["threshold"] * (i + 1)}]
        branches.append({"name": f"b{i}", "conditions": cond, "nodes": built})
    return {"on_empty": raw["on_empty"], "escalation": raw["escalation"], "branches": branches}


def check_invariants(req):
    open_tasks = ApprovalTask.objects.filter(request=req, state__in=[TaskState.WAITING, TaskState.PENDING])
    if req.state in REQUEST_FINAL or req.state == RequestState.RETURNED:
        assert not open_tasks.exists(), f"{req.state} request with open tasks"
    if req.state == RequestState.SUBMITTED:
        assert open_tasks.filter(state=TaskState.PENDING).exists(), "request in approval but nobody can act"
    fr = FormRequest.objects.get(pk=req.target_id)
    assert fr.state == req.state, (fr.state, req.state)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(raw=specs, initiator=st.sampled_from(POOL), amount=st.integers(0, 400), steps=actions)
def test_every_request_ends_in_exactly_one_final_state(demo_company, users, raw, initiator, amount, steps):
    sid = transaction.savepoint()
    try:
        _run(demo_company, users, raw, initiator, amount, steps)
    finally:
        transaction.savepoint_rollback(sid)
        clock.set_now(None)


def _run(company, users, raw, initiator, amount, steps):
    t0 = timezone.now()
    clock.set_now(t0)
    code = f"p{next(_codes)}"
    template = template_save(
        company=company,
        actor=None,
        code=code,
        name=code,
        fields=[
            {"key": "subject", "label": "s", "type": "text"},
            {"key": "amount", "label": "a", "type": "amount"},
        ],
    )
    services.flow_save(
        company=company,
        actor=None,
        approvable_type=template.approvable_type,
        name=code,
        spec=_spec(raw, users),
    )
    chosen = {
        f"b{i}n{j}": [users["zhaolei"].pk, users["sunli"].pk]
        for i, ns in enumerate(raw["branches"])
        for j, _n in enumerate(ns)
    }
    me = users[initiator]
    fr = form_request_create_and_submit(
        company=company,
        actor=me,
        template=template,
        raw={"subject": "x", "amount": str(amount)},
        chosen=chosen,
    )
    req = request_for_target(fr)
    check_invariants(req)
    now = t0
    for action, pick in steps:
        _act(req, me, users, action, pick, chosen, now)
        now += timedelta(minutes=40)
        req.refresh_from_db()
        check_invariants(req)
        if req.state in REQUEST_FINAL:
            break
    # drive it to the end: approve whatever is pending, resubmit when returned
    for _i in range(200):
        req.refresh_from_db()
        if req.state in REQUEST_FINAL:
            break
        if req.state == RequestState.RETURNED:
            form_request_submit(
                form_request=FormRequest.objects.get(pk=req.target_id), actor=me, chosen=chosen
            )
        else:
            task = ApprovalTask.objects.filter(request=req, state=TaskState.PENDING).order_by("id").first()
            services.task_approve(task=task, actor=task.assignee)
        req.refresh_from_db()
        check_invariants(req)
    assert req.state in REQUEST_FINAL, "request never finished"
    endings = ApprovalLog.objects.filter(
        request=req, action__in=[LogAction.FINISHED, LogAction.WITHDRAWN]
    ).count()
    assert endings == 1, f"{endings} endings logged"
    assert not ApprovalTask.objects.filter(
        request=req, state__in=[TaskState.WAITING, TaskState.PENDING]
    ).exists()


def _act(req, me, users, action, pick, chosen, now):
    pending = list(ApprovalTask.objects.filter(request=req, state=TaskState.PENDING).order_by("id"))
    task = pending[pick % len(pending)] if pending else None
    other = users[POOL[pick % len(POOL)]]
    try:
        with transaction.atomic():
            if action == "approve" and task:
                services.task_approve(task=task, actor=task.assignee)
            elif action == "reject" and task:
                services.task_reject(task=task, actor=task.assignee, comment="不同意")
            elif action == "return" and task:
                services.task_return(task=task, actor=task.assignee, comment="请修改")
            elif action == "transfer" and task:
                services.task_transfer(task=task, actor=task.assignee, to_user=other)
            elif action in {"add_before", "add_after"} and task:
                services.task_add_approver(
                    task=task,
                    actor=task.assignee,
                    user=other,
                    position="before" if action == "add_before" else "after",
                )
            elif action == "withdraw":
                services.request_withdraw(request=req, actor=me)
            elif action == "resubmit":
                form_request_submit(
                    form_request=FormRequest.objects.get(pk=req.target_id), actor=me, chosen=chosen
                )
            elif action == "tick":
                services.deadlines_process(now=now + timedelta(hours=3))
    except DomainError:
        pass  # refused actions (wrong state, same user...) must change nothing; the invariants check that
