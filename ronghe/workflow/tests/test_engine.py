"""The approval engine: approver rules, modes, branches, skip/collapse, actions, delegation, deadlines.

Requests are OA forms (the engine's first approvable); each test defines the flow it needs."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ronghe.core.errors import InvalidTransition, NotFound, ValidationFailed
from ronghe.oaforms.models import FormRequest, FormState
from ronghe.oaforms.services import (
    form_request_create_and_submit,
    form_request_save,
    form_request_submit,
    template_save,
)
from ronghe.org.models import Department
from ronghe.timeline.models import Notification
from ronghe.workflow import clock, services
from ronghe.workflow.models import ApprovalLog, ApprovalTask, LogAction
from ronghe.workflow.selectors import allowed_actions, inbox, request_for_target
from ronghe.workflow.states import RequestState, TaskState

pytestmark = pytest.mark.django_db
_codes = itertools.count()

FIELDS = [
    {"key": "subject", "label": "事项", "type": "text", "required": True},
    {"key": "amount", "label": "金额", "type": "amount"},
    {"key": "kind", "label": "类型", "type": "select", "options": ["a", "b"]},
]


def node(rule, *, key=None, kind="approve", mode="sequential", deadline=None, **kw):
    return {
        "key": key or rule,
        "name": key or rule,
        "kind": kind,
        "mode": mode,
        "approvers": {"rule": rule, **kw},
        "deadline_hours": deadline,
    }


def flow(company, *nodes, branches=None, **spec):
    code = f"t{next(_codes)}"
    template = template_save(company=company, actor=None, code=code, name=code, fields=FIELDS)
    spec = {"branches": branches or [{"name": "默认", "conditions": [], "nodes": list(nodes)}], **spec}
    services.flow_save(
        company=company, actor=None, approvable_type=template.approvable_type, name=code, spec=spec
    )
    return template


def submit(company, user, template, chosen=None, **data):
    fr = form_request_create_and_submit(
        company=company, actor=user, template=template, raw={"subject": "测试", **data}, chosen=chosen
    )
    return request_for_target(fr)


def pending(req, user=None):
    qs = ApprovalTask.objects.filter(request=req, state=TaskState.PENDING)
    return qs.get(assignee=user) if user else list(qs.select_related("assignee"))


def who(req) -> set[str]:
    return {t.assignee.username for t in pending(req)}


def fresh(req):
    req.refresh_from_db()
    return req


@pytest.fixture
def co(demo_company):
    return demo_company


@pytest.fixture
def u(users):
    return users


@pytest.fixture(autouse=True)
def _reset_clock():
    clock.set_now(None)
    yield
    clock.set_now(None)


# --- approver rules ------------------------------------------------------------------------------


def test_rule_named_users_in_order(co, u):
    t = flow(co, node("users", users=[u["sunli"].pk, u["lina"].pk]))
    req = submit(co, u["wangfang"], t)
    assert who(req) == {"sunli"}
    services.task_approve(task=pending(req, u["sunli"]), actor=u["sunli"])
    assert who(req) == {"lina"}
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.APPROVED


def test_rule_role(co, u):
    req = submit(co, u["wangfang"], flow(co, node("role", role="accountant", mode="any")))
    assert who(req) == {"sunli"}


def test_rule_manager_levels(co, u):
    assert who(submit(co, u["wangfang"], flow(co, node("manager", levels=1)))) == {"lina"}
    assert who(submit(co, u["wangfang"], flow(co, node("manager", levels=2)))) == {"zhangwei"}
    assert who(submit(co, u["zhoumin"], flow(co, node("manager", levels=1)))) == {"sunli"}  # named manager


def test_rule_department_head_or_nearest_above(co, u):
    t = flow(co, node("dept_head"))
    assert who(submit(co, u["wangfang"], t)) == {"lina"}  # 华东销售组 has no head: 销售部's
    assert who(submit(co, u["lina"], t)) == {"zhangwei"}  # the head of 销售部 goes to the head above


def test_rule_named_department_head(co, u):
    fin = Department.objects.get(company=co, code="FIN")
    assert who(submit(co, u["wangfang"], flow(co, node("named_dept_head", department=fin.pk)))) == {"sunli"}


def test_rule_self_select(co, u):
    t = flow(co, node("self_select", key="pick"))
    with pytest.raises(ValidationFailed) as exc:
        submit(co, u["wangfang"], t)
    assert "approvers.pick" in exc.value.fields
    assert not FormRequest.objects.filter(template=t).exists()  # nothing written
    req = submit(co, u["wangfang"], t, chosen={"pick": [u["zhaolei"].pk]})
    assert who(req) == {"zhaolei"}


# --- modes ------------------------------------------------------------------------------------------


def test_mode_all_needs_everyone(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", mode="all", users=[u["lina"].pk, u["sunli"].pk])))
    assert who(req) == {"lina", "sunli"}
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.SUBMITTED and who(req) == {"sunli"}
    services.task_approve(task=pending(req, u["sunli"]), actor=u["sunli"])
    assert fresh(req).state == RequestState.APPROVED


def test_mode_any_first_approval_decides(co, u):
    req = submit(
        co,
        u["wangfang"],
        flow(
            co,
            node("users", mode="any", users=[u["lina"].pk, u["sunli"].pk]),
            node("users", key="n2", users=[u["zhangwei"].pk]),
        ),
    )
    services.task_approve(task=pending(req, u["sunli"]), actor=u["sunli"])
    assert who(req) == {"zhangwei"}
    assert ApprovalTask.objects.get(request=req, assignee=u["lina"]).state == TaskState.CANCELLED


def test_cc_node_notifies_without_deciding(co, u):
    req = submit(
        co,
        u["wangfang"],
        flow(co, node("users", users=[u["lina"].pk]), node("role", key="cc", kind="cc", role="hr")),
    )
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.APPROVED
    assert ApprovalTask.objects.get(request=req, assignee=u["wuxia"]).state == TaskState.CC
    assert list(inbox(user=u["wuxia"], company=co, tab="cc")) == [req]
    assert Notification.objects.filter(user=u["wuxia"], title__contains=req.title).exists()


# --- branches -------------------------------------------------------------------------------------


def test_branch_on_amount_and_default(co, u):
    t = flow(
        co,
        branches=[
            {
                "name": "大额",
                "conditions": [{"field": "amount", "op": ">=", "value": 50000}],
                "nodes": [node("users", users=[u["zhangwei"].pk])],
            },
            {"name": "默认", "conditions": [], "nodes": [node("users", users=[u["lina"].pk])]},
        ],
    )
    big = submit(co, u["wangfang"], t, amount="50000")
    small = submit(co, u["wangfang"], t, amount="49999.99")
    assert (big.branch, who(big)) == ("大额", {"zhangwei"})
    assert (small.branch, who(small)) == ("默认", {"lina"})


def test_branch_on_department_and_select_field(co, u):
    sales_east = Department.objects.get(company=co, code="SALES-E")
    t = flow(
        co,
        branches=[
            {
                "name": "华东且B类",
                "conditions": [
                    {"field": "department", "op": "in", "value": [sales_east.pk]},
                    {"field": "kind", "op": "==", "value": "b"},
                ],
                "nodes": [node("users", users=[u["sunli"].pk])],
            },
            {"name": "默认", "conditions": [], "nodes": [node("users", users=[u["lina"].pk])]},
        ],
    )
    assert who(submit(co, u["wangfang"], t, kind="b")) == {"sunli"}
    assert who(submit(co, u["wangfang"], t, kind="a")) == {"lina"}
    assert who(submit(co, u["liuyang"], t, kind="b")) == {"lina"}  # 华南销售组


# --- skip and collapse ------------------------------------------------------------------------------


def test_initiator_is_skipped(co, u):
    req = submit(co, u["lina"], flow(co, node("users", users=[u["lina"].pk, u["sunli"].pk])))
    assert who(req) == {"sunli"}
    assert ApprovalLog.objects.filter(request=req, action=LogAction.SKIPPED, actor=u["lina"]).exists()


def test_node_of_only_the_initiator_passes(co, u):
    req = submit(
        co,
        u["lina"],
        flow(co, node("users", users=[u["lina"].pk]), node("users", key="b", users=[u["sunli"].pk])),
    )
    assert who(req) == {"sunli"}


def test_same_approver_on_consecutive_nodes_is_collapsed(co, u):
    req = submit(
        co,
        u["wangfang"],
        flow(
            co,
            node("users", users=[u["lina"].pk]),
            node("users", key="n2", mode="all", users=[u["lina"].pk, u["sunli"].pk]),
        ),
    )
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert who(req) == {"sunli"}  # lina is not asked twice
    assert ApprovalLog.objects.filter(request=req, action=LogAction.AUTO_APPROVED, actor=u["lina"]).exists()


def test_collapse_sees_through_a_node_that_passed_by_itself(co, u):
    req = submit(
        co,
        u["sunli"],
        flow(
            co,
            node("users", users=[u["lina"].pk]),
            node("users", key="self", users=[u["sunli"].pk]),
            node("users", key="again", users=[u["lina"].pk]),
        ),
    )
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.APPROVED


def test_nobody_to_approve_goes_to_the_admin_or_is_skipped(co, u):
    empty = node("role", role="no_such_role")
    assert who(submit(co, u["wangfang"], flow(co, empty))) == {"admin"}
    t = flow(co, empty, node("users", key="b", users=[u["lina"].pk]), on_empty="skip")
    assert who(submit(co, u["wangfang"], t)) == {"lina"}


# --- actions ----------------------------------------------------------------------------------------


def test_reject_needs_a_comment_and_ends_the_request(co, u):
    req = submit(
        co,
        u["wangfang"],
        flow(co, node("users", users=[u["lina"].pk]), node("users", key="b", users=[u["sunli"].pk])),
    )
    with pytest.raises(ValidationFailed):
        services.task_reject(task=pending(req, u["lina"]), actor=u["lina"], comment=" ")
    services.task_reject(task=pending(req, u["lina"]), actor=u["lina"], comment="预算不足")
    req = fresh(req)
    assert req.state == RequestState.REJECTED and req.finished_at
    assert not ApprovalTask.objects.filter(
        request=req, state__in=[TaskState.PENDING, TaskState.WAITING]
    ).exists()
    assert FormRequest.objects.get(pk=req.target_id).state == FormState.REJECTED
    assert Notification.objects.filter(user=u["wangfang"], title__contains=req.title).exists()


def test_return_edit_and_resubmit(co, u):
    t = flow(co, node("users", users=[u["lina"].pk]))
    req = submit(co, u["wangfang"], t, amount="100")
    services.task_return(task=pending(req, u["lina"]), actor=u["lina"], comment="金额写错了")
    fr = FormRequest.objects.get(pk=req.target_id)
    assert fresh(req).state == RequestState.RETURNED and fr.state == FormState.RETURNED
    form_request_save(
        company=co, actor=u["wangfang"], template=t, raw={"subject": "测试", "amount": "120"}, form_request=fr
    )
    form_request_submit(form_request=fr, actor=u["wangfang"])
    req = fresh(req)
    assert req.state == RequestState.SUBMITTED and req.round == 2 and req.values["amount"] == "120.00"
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.APPROVED
    assert FormRequest.objects.get(pk=fr.pk).state == FormState.APPROVED


def test_withdraw_by_the_initiator_only(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    with pytest.raises(NotFound):
        services.request_withdraw(request=req, actor=u["lina"])
    task = pending(req, u["lina"])
    services.request_withdraw(request=req, actor=u["wangfang"])
    assert fresh(req).state == RequestState.WITHDRAWN
    with pytest.raises(InvalidTransition):
        services.task_approve(task=task, actor=u["lina"])
    with pytest.raises(InvalidTransition):
        services.request_withdraw(request=req, actor=u["wangfang"])


def test_document_is_locked_while_in_approval(co, u):
    t = flow(co, node("users", users=[u["lina"].pk]))
    req = submit(co, u["wangfang"], t)
    fr = FormRequest.objects.get(pk=req.target_id)
    with pytest.raises(InvalidTransition):
        form_request_save(company=co, actor=u["wangfang"], template=t, raw={"subject": "改"}, form_request=fr)
    with pytest.raises(InvalidTransition):
        form_request_submit(form_request=fr, actor=u["wangfang"])


def test_wrong_actor_twice_and_finished(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    task = pending(req, u["lina"])
    with pytest.raises(NotFound):
        services.task_approve(task=task, actor=u["sunli"])
    services.task_approve(task=task, actor=u["lina"])
    with pytest.raises(InvalidTransition):
        services.task_approve(task=task, actor=u["lina"])
    with pytest.raises(InvalidTransition):
        services.task_reject(task=task, actor=u["lina"], comment="晚了")
    assert fresh(req).state == RequestState.APPROVED


def test_transfer(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    services.task_transfer(
        task=pending(req, u["lina"]), actor=u["lina"], to_user=u["zhangwei"], comment="我出差"
    )
    assert who(req) == {"zhangwei"}
    services.task_approve(task=pending(req, u["zhangwei"]), actor=u["zhangwei"])
    assert fresh(req).state == RequestState.APPROVED


def test_add_approver_before_and_after(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    services.task_add_approver(
        task=pending(req, u["lina"]), actor=u["lina"], user=u["sunli"], position="before"
    )
    assert who(req) == {"sunli"}
    services.task_approve(task=pending(req, u["sunli"]), actor=u["sunli"])
    assert who(req) == {"lina"}  # back to the one who added
    services.task_add_approver(
        task=pending(req, u["lina"]), actor=u["lina"], user=u["zhangwei"], position="after"
    )
    assert who(req) == {"zhangwei"} and fresh(req).state == RequestState.SUBMITTED
    services.task_approve(task=pending(req, u["zhangwei"]), actor=u["zhangwei"])
    assert fresh(req).state == RequestState.APPROVED


def test_add_approver_after_in_an_any_node_still_needs_them(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", mode="any", users=[u["lina"].pk, u["sunli"].pk])))
    services.task_add_approver(
        task=pending(req, u["lina"]), actor=u["lina"], user=u["zhangwei"], position="after"
    )
    assert fresh(req).state == RequestState.SUBMITTED and who(req) == {"sunli", "zhangwei"}
    services.task_approve(task=pending(req, u["zhangwei"]), actor=u["zhangwei"])
    assert fresh(req).state == RequestState.APPROVED


def test_urge_reminds_the_current_approvers(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    before = Notification.objects.filter(user=u["lina"]).count()
    assert services.request_urge(request=req, actor=u["wangfang"]) == 1
    assert Notification.objects.filter(user=u["lina"]).count() == before + 1


def test_allowed_actions_follow_the_transitions_table(co, u):
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    assert {"approve", "reject", "return", "transfer", "add_approver"} <= allowed_actions(
        request=req, user=u["lina"]
    )
    assert allowed_actions(request=req, user=u["wangfang"]) >= {"withdraw", "urge"}
    assert "approve" not in allowed_actions(request=req, user=u["sunli"])


# --- delegation and deadlines -----------------------------------------------------------------------------


def test_delegation_sends_tasks_to_the_deputy_on_behalf(co, u):
    today = timezone.localdate()
    services.delegation_save(
        company=co,
        actor=u["lina"],
        deputy=u["zhangwei"],
        start_date=today,
        end_date=today + timedelta(days=3),
    )
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    task = pending(req, u["zhangwei"])
    assert task.on_behalf_of == u["lina"]
    services.task_approve(task=task, actor=u["zhangwei"])
    log = ApprovalLog.objects.get(request=req, action=LogAction.APPROVED)
    assert log.actor == u["zhangwei"] and log.on_behalf_of == u["lina"]


def test_delegation_outside_its_dates_does_nothing(co, u):
    services.delegation_save(
        company=co,
        actor=u["lina"],
        deputy=u["zhangwei"],
        start_date=date(2020, 1, 1),
        end_date=date(2020, 1, 2),
    )
    assert who(submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))) == {"lina"}


def test_deadline_reminds_then_escalates_to_the_manager(co, u):
    t0 = timezone.now()
    clock.set_now(t0)
    t = flow(
        co,
        node("users", users=[u["wangfang"].pk], deadline=2),
        escalation={"after_hours": 4, "to": "manager"},
    )
    req = submit(co, u["zhaolei"], t)
    assert services.deadlines_process(now=t0 + timedelta(hours=1)) == {"reminded": 0, "escalated": 0}
    assert services.deadlines_process(now=t0 + timedelta(hours=2, minutes=1)) == {
        "reminded": 1,
        "escalated": 0,
    }
    assert services.deadlines_process(now=t0 + timedelta(hours=3)) == {
        "reminded": 0,
        "escalated": 0,
    }  # once only
    clock.set_now(t0 + timedelta(hours=6, minutes=1))
    assert services.deadlines_process()["escalated"] == 1
    assert who(req) == {"lina"}  # 王芳's manager
    assert ApprovalTask.objects.get(request=req, assignee=u["wangfang"]).state == TaskState.TRANSFERRED
    assert ApprovalLog.objects.filter(request=req, action=LogAction.ESCALATED).exists()


def test_escalation_by_automatic_approval(co, u):
    t0 = timezone.now()
    clock.set_now(t0)
    t = flow(
        co,
        node("users", users=[u["lina"].pk], deadline=1),
        escalation={"after_hours": 1, "to": "auto_approve"},
    )
    req = submit(co, u["wangfang"], t)
    services.deadlines_process(now=t0 + timedelta(hours=2, minutes=1))
    assert fresh(req).state == RequestState.APPROVED
    assert ApprovalLog.objects.filter(request=req, action=LogAction.AUTO_APPROVED).exists()


def test_deadline_task_is_scheduled_in_the_queue(co, u):
    from django_tasks_db.models import DBTaskResult

    submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk], deadline=24)))
    assert DBTaskResult.objects.filter(
        task_path__endswith="approval_deadline_task", run_after__isnull=False
    ).exists()


# --- flows are versioned ----------------------------------------------------------------------------------


def test_request_keeps_the_version_it_was_submitted_under(co, u):
    t = flow(co, node("users", users=[u["lina"].pk]))
    req = submit(co, u["wangfang"], t)
    services.flow_save(
        company=co,
        actor=u["admin"],
        approvable_type=t.approvable_type,
        name="v2",
        spec={
            "branches": [{"name": "默认", "conditions": [], "nodes": [node("users", users=[u["sunli"].pk])]}]
        },
    )
    assert req.flow_version.number == 1
    assert who(submit(co, u["wangfang"], t)) == {"sunli"}
    services.task_approve(task=pending(req, u["lina"]), actor=u["lina"])
    assert fresh(req).state == RequestState.APPROVED


def test_invalid_flow_is_refused(co, u):
    t = flow(co, node("users", users=[u["lina"].pk]))
    with pytest.raises(ValidationFailed):
        services.flow_save(
            company=co,
            actor=u["admin"],
            approvable_type=t.approvable_type,
            name="x",
            spec={
                "branches": [
                    {
                        "name": "a",
                        "conditions": [{"field": "amount", "op": ">", "value": 1}],
                        "nodes": [node("users", users=[1])],
                    }
                ]
            },
        )


def test_preview_who_would_approve(co, u):
    t = flow(
        co,
        branches=[
            {
                "name": "大额",
                "conditions": [{"field": "amount", "op": ">=", "value": 50000}],
                "nodes": [node("dept_head"), node("role", key="gm", role="general_manager")],
            },
            {"name": "默认", "conditions": [], "nodes": [node("dept_head")]},
        ],
    )
    p = services.flow_preview(
        company=co, approvable_type=t.approvable_type, initiator=u["wangfang"], values={"amount": "60000"}
    )
    assert p["branch"] == "大额" and [[x.username for x in n["users"]] for n in p["nodes"]] == [
        ["lina"],
        ["zhangwei"],
    ]


def test_email_notification_when_email_is_configured(co, u, settings, mailoutbox):
    from ronghe.core.testing import run_queued_tasks

    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    req = submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk])))
    run_queued_tasks()
    assert [m.to for m in mailoutbox] == [[u["lina"].email]]
    assert req.title in mailoutbox[0].subject and req.get_absolute_url() in mailoutbox[0].body


def test_approvals_tick_command(co, u, capsys):
    from django.core.management import call_command

    t0 = timezone.now()
    clock.set_now(t0)
    submit(co, u["wangfang"], flow(co, node("users", users=[u["lina"].pk], deadline=1)))
    clock.set_now(t0 + timedelta(hours=2))
    call_command("approvals_tick")
    assert "reminded 1" in capsys.readouterr().out
