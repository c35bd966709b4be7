"""Approval pages: the inbox (four tabs), a request with its progress line and actions, flows, deputies."""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, NotFound, ValidationFailed
from ronghe.core.scoping import require_company_admin
from ronghe.core.selectors import user_list
from ronghe.web.forms import flash_service_errors

from . import registry, selectors, services
from .models import ApprovalTask, Delegation, Flow
from .states import RequestState, TaskState

TAB_LABELS = {
    "todo": _("Waiting for me"),
    "done": _("Decided by me"),
    "mine": _("Submitted by me"),
    "cc": _("Copied to me"),
}


def _parse_date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def inbox(request):
    tab = request.GET.get("tab", "todo")
    if tab not in selectors.TABS:
        tab = "todo"
    filters = {
        "q": request.GET.get("q", "").strip(),
        "approvable_type": request.GET.get("type", ""),
        "initiator": request.GET.get("initiator") or None,
        "date_from": _parse_date(request.GET.get("from")),
        "date_to": _parse_date(request.GET.get("to")),
        "state": request.GET.get("state", ""),
    }
    qs = selectors.inbox(user=request.user, company=request.company, tab=tab, **filters)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    my_tasks = {}
    if tab == "todo":
        my_tasks = {
            t.request_id: t
            for t in ApprovalTask.objects.filter(
                request__in=page.object_list, assignee=request.user, state=TaskState.PENDING
            )
        }
    counts = selectors.inbox_counts(user=request.user, company=request.company)
    context = {
        "tab": tab,
        "tabs": [(k, v) for k, v in TAB_LABELS.items()],
        "page": page,
        "counts": counts,
        "rows": [{"req": r, "task": my_tasks.get(r.pk)} for r in page.object_list],
        "types": registry.type_choices(request.company),
        "members": user_list(company=request.company),
        "filters": request.GET,
        "states": RequestState.choices,
        "title": _("Approvals"),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "inbox-list":
        return render(request, "workflow/partials/_inbox_list.html", context)
    return render(request, "workflow/inbox.html", context)


@login_required
@require_POST
def bulk_approve(request):
    """Approve several of my pending tasks at once (simple requests: no comment needed)."""
    done, failed = 0, 0
    for task in ApprovalTask.objects.filter(
        pk__in=request.POST.getlist("task"),
        assignee=request.user,
        company=request.company,
        state=TaskState.PENDING,
    ):
        try:
            services.task_approve(task=task, actor=request.user, comment="")
            done += 1
        except DomainError:
            failed += 1
    if done:
        messages.success(request, _("%(n)d requests approved.") % {"n": done})
    if failed:
        messages.error(
            request, _("%(n)d requests could not be approved (they changed meanwhile).") % {"n": failed}
        )
    return redirect(reverse("workflow:inbox") + "?tab=todo")


@login_required
def request_detail(request, pk):
    req = selectors.request_get_for_user(pk=pk, user=request.user, company=request.company)
    target = req.target
    approvable = registry.approvable_for(target) if target is not None else None
    rows = approvable.extra["rows"](target) if approvable and "rows" in approvable.extra else []
    return render(
        request,
        "workflow/request_detail.html",
        {
            "req": req,
            "target": target,
            "rows": rows,
            "progress": selectors.progress(request=req),
            "actions": selectors.allowed_actions(request=req, user=request.user),
            "task": selectors.pending_task_for(request=req, user=request.user),
            "members": user_list(company=request.company).exclude(pk=request.user.pk),
            "edit_url": approvable.extra["edit_url"](target)
            if approvable and "edit_url" in approvable.extra
            else "",
        },
    )


@login_required
@require_POST
def request_act(request, pk, action):
    """One action on a request from its page: approve, reject, return, transfer, add, withdraw, urge, comment."""
    req = selectors.request_get_for_user(pk=pk, user=request.user, company=request.company)
    task = selectors.pending_task_for(request=req, user=request.user)
    comment = request.POST.get("comment", "").strip()
    try:
        if action in {"approve", "reject", "return", "transfer", "add_approver"} and task is None:
            raise NotFound(_("This approval task is not yours."))
        if action == "approve":
            services.task_approve(task=task, actor=request.user, comment=comment)
            messages.success(request, _("Approved."))
        elif action == "reject":
            services.task_reject(task=task, actor=request.user, comment=comment)
            messages.success(request, _("Rejected."))
        elif action == "return":
            services.task_return(task=task, actor=request.user, comment=comment)
            messages.success(request, _("Returned to the initiator."))
        elif action == "transfer":
            to_user = user_list(company=request.company).filter(pk=request.POST.get("user") or 0).first()
            services.task_transfer(task=task, actor=request.user, to_user=to_user, comment=comment)
            messages.success(request, _("Transferred."))
        elif action == "add_approver":
            user = user_list(company=request.company).filter(pk=request.POST.get("user") or 0).first()
            services.task_add_approver(
                task=task,
                actor=request.user,
                user=user,
                position=request.POST.get("position", "before"),
                comment=comment,
            )
            messages.success(request, _("Approver added."))
        elif action == "withdraw":
            services.request_withdraw(request=req, actor=request.user, comment=comment)
            messages.success(request, _("Withdrawn."))
        elif action == "urge":
            n = services.request_urge(request=req, actor=request.user)
            messages.success(request, _("%(n)d approvers were reminded.") % {"n": n})
        elif action == "comment":
            services.request_comment(request=req, actor=request.user, body=request.POST.get("body", ""))
        else:
            raise NotFound()
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        if isinstance(exc, NotFound) and action not in {
            "approve",
            "reject",
            "return",
            "transfer",
            "add_approver",
        }:
            raise
        messages.error(request, str(exc.message))
    return redirect(req.get_absolute_url())


# --- deputies -------------------------------------------------------------------------------------


@login_required
def delegations(request):
    if request.method == "POST":
        deputy = user_list(company=request.company).filter(pk=request.POST.get("deputy") or 0).first()
        try:
            services.delegation_save(
                company=request.company,
                actor=request.user,
                deputy=deputy,
                start_date=_parse_date(request.POST.get("start_date")),
                end_date=_parse_date(request.POST.get("end_date")),
            )
            messages.success(request, _("Saved."))
            return redirect("workflow:delegations")
        except ValidationFailed as exc:
            flash_service_errors(request, exc)
    return render(
        request,
        "workflow/delegations.html",
        {
            "items": selectors.delegation_list(user=request.user, company=request.company),
            "members": user_list(company=request.company).exclude(pk=request.user.pk),
            "today": date.today().isoformat(),
            "acting_for": Delegation.objects.filter(
                company=request.company, deputy=request.user, active=True, end_date__gte=date.today()
            ).select_related("user"),
        },
    )


@login_required
@require_POST
def delegation_end(request, pk):
    d = Delegation.objects.filter(pk=pk, company=request.company, user=request.user).first()
    if d is None:
        raise NotFound()
    services.delegation_end(delegation=d, actor=request.user)
    return redirect("workflow:delegations")


# --- flows (administrators) -------------------------------------------------------------------------


@login_required
def flow_list(request):
    require_company_admin(request.user, request.company)
    flows = {f.approvable_type: f for f in selectors.flow_list(company=request.company)}
    rows = [
        {"key": key, "label": label, "flow": flows.get(key)}
        for key, label in registry.type_choices(request.company)
    ]
    return render(request, "workflow/flow_list.html", {"rows": rows})


@login_required
def flow_edit(request, approvable_type):
    require_company_admin(request.user, request.company)
    labels = dict(registry.type_choices(request.company))
    if approvable_type not in labels:
        raise NotFound()
    flow = (
        Flow.objects.filter(company=request.company, approvable_type=approvable_type)
        .select_related("current_version")
        .first()
    )
    spec = (
        flow.current_version.spec
        if flow and flow.current_version
        else {
            "on_empty": "admin",
            "escalation": None,
            "branches": [{"name": _("Default"), "conditions": [], "nodes": []}],
        }
    )
    errors = []
    if request.method == "POST":
        try:
            spec = json.loads(request.POST.get("spec", "{}"))
            services.flow_save(
                company=request.company,
                actor=request.user,
                approvable_type=approvable_type,
                name=request.POST.get("name") or labels[approvable_type],
                spec=spec,
            )
            messages.success(request, _("Saved as a new version. Requests in progress keep their version."))
            return redirect("workflow:flow-edit", approvable_type=approvable_type)
        except json.JSONDecodeError:
            errors = [_("The flow could not be read.")]
        except ValidationFailed as exc:
            errors = [m for ms in exc.fields.values() for m in ms] or [str(exc.message)]
    from ronghe.core.models import Role
    from ronghe.org.models import Department

    fields = [
        {"name": f.name, "label": str(f.label), "kind": f.kind}
        for f in registry.fields_for(request.company, approvable_type)
    ]
    fields += [{"name": "department", "label": _("Initiator's department"), "kind": "department"}]
    return render(
        request,
        "workflow/flow_edit.html",
        {
            "approvable_type": approvable_type,
            "label": labels[approvable_type],
            "flow": flow,
            "errors": errors,
            "spec_json": spec,
            "fields_json": fields,
            "users_json": [
                {"id": u.pk, "name": u.get_display_name()} for u in user_list(company=request.company)
            ],
            "roles_json": [
                {"code": r.code, "name": r.name} for r in Role.objects.filter(company=request.company)
            ],
            "departments_json": [
                {"id": d.pk, "name": d.name} for d in Department.objects.filter(company=request.company)
            ],
            "versions": flow.versions.all()[:10] if flow else [],
        },
    )


@login_required
@require_POST
def flow_preview(request, approvable_type):
    """Who would approve if this user submitted with these values (htmx, from the flow editor)."""
    require_company_admin(request.user, request.company)
    initiator = user_list(company=request.company).filter(pk=request.POST.get("initiator") or 0).first()
    try:
        spec = json.loads(request.POST.get("spec", "{}"))
        values = {k[2:]: v for k, v in request.POST.items() if k.startswith("v_") and v != ""}
        result = services.flow_preview(
            company=request.company,
            approvable_type=approvable_type,
            initiator=initiator or request.user,
            values=values,
            spec=spec,
        )
        error = None
    except (ValidationFailed, json.JSONDecodeError) as exc:
        result, error = None, getattr(exc, "fields", None) or str(exc)
    return render(request, "workflow/partials/_preview.html", {"result": result, "error": error})
