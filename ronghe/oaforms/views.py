"""OA request form pages: choose a form, fill it (drafts, submit, resubmit), administer templates."""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, NotFound, ValidationFailed
from ronghe.core.scoping import require_company_admin
from ronghe.core.selectors import user_list
from ronghe.timeline import services as timeline
from ronghe.workflow.selectors import request_for_target

from . import fields as F
from . import selectors, services
from .approvable import rows as display_rows
from .models import FormState
from .workdays import leave_days


@login_required
def template_list(request):
    groups: dict[str, list] = {}
    for t in selectors.template_list(company=request.company):
        groups.setdefault(t.category or _("Other"), []).append(t)
    return render(
        request,
        "oaforms/template_list.html",
        {"groups": groups.items(), "drafts": selectors.my_drafts(user=request.user, company=request.company)},
    )


def _choices(request, template) -> dict:
    """Options for user / department / partner / product fields, and 自选 approver nodes of the flow."""
    from ronghe.org.selectors import department_tree
    from ronghe.partners.selectors import partner_list
    from ronghe.products.selectors import product_list

    types = {f["type"] for f in template.fields} | {
        c["type"] for f in template.fields for c in f.get("columns", [])
    }
    out = {"user": [], "department": [], "partner": [], "product": []}
    members = [{"id": u.pk, "name": u.get_display_name()} for u in user_list(company=request.company)]
    if "user" in types:
        out["user"] = members
    if "department" in types:
        out["department"] = [
            {"id": d.pk, "name": d.name} for d, _depth in department_tree(company=request.company)
        ]
    if "partner" in types:
        out["partner"] = [
            {"id": p.pk, "name": p.name}
            for p in partner_list(user=request.user, company=request.company)
            .filter(parent__isnull=True)
            .order_by("name")[:500]
        ]
    if "product" in types:
        out["product"] = [
            {"id": p.pk, "name": str(p), "price": str(p.cost)}
            for p in product_list(user=request.user, company=request.company).order_by("code")[:1000]
        ]
    return out, members


def _self_select_nodes(template, company) -> list[dict]:
    from ronghe.workflow.models import Flow

    flow = (
        Flow.objects.filter(company=company, approvable_type=template.approvable_type)
        .select_related("current_version")
        .first()
    )
    if not flow or not flow.current_version:
        return []
    nodes = {}
    for b in flow.current_version.spec["branches"]:
        for n in b["nodes"]:
            if n["approvers"]["rule"] == "self_select":
                nodes[n["key"]] = {"key": n["key"], "name": n["name"]}
    return list(nodes.values())


def _form_page(request, template, fr=None, data=None, errors=None, chosen=None, status=200):
    choices, members = _choices(request, template)
    fields = [
        {
            **f,
            "label": F.label(f),
            "options": [
                {"value": F.option_value(o), "label": F.option_label(o)} for o in f.get("options", [])
            ],
            "columns": [
                {
                    **c,
                    "label": F.label(c),
                    "options": [
                        {"value": F.option_value(o), "label": F.option_label(o)} for o in c.get("options", [])
                    ],
                }
                for c in f.get("columns", [])
            ],
        }
        for f in template.fields
    ]
    attachments = []
    if fr is not None:
        from ronghe.timeline.selectors import attachment_list

        attachments = [{"id": a.pk, "name": a.name} for a in attachment_list(record=fr)]
    return render(
        request,
        "oaforms/request_form.html",
        {
            "template": template,
            "fr": fr,
            "fields_json": fields,
            "data_json": data or (fr.data if fr else {}),
            "errors_json": errors or {},
            "choices_json": choices,
            "members": members,
            "self_select": _self_select_nodes(template, request.company),
            "chosen_json": chosen or {},
            "attachments_json": attachments,
        },
        status=status,
    )


def _save_from_post(request, template, fr=None):
    """Save (and submit when asked) from the form page. Returns a response."""
    try:
        raw = json.loads(request.POST.get("data_json") or "{}")
        chosen = json.loads(request.POST.get("chosen_json") or "{}")
    except json.JSONDecodeError:
        raw, chosen = {}, {}
    for f in template.fields:  # files chosen in this submission count for "required" attachment fields
        if f["type"] == "attachment" and request.FILES.getlist(f"file__{f['key']}"):
            raw[f"{f['key']}__pending"] = True
    submit = request.POST.get("action") == "submit"
    try:
        from django.db import transaction

        with transaction.atomic():
            fr = services.form_request_save(
                company=request.company, actor=request.user, template=template, raw=raw, form_request=fr
            )
            new_ids = []
            for f in template.fields:
                for upload in request.FILES.getlist(f"file__{f['key']}"):
                    new_ids.append(
                        (f["key"], timeline.attachment_add(record=fr, actor=request.user, file=upload).pk)
                    )
            if new_ids:
                data = dict(fr.data)
                for key, att_id in new_ids:
                    data[key] = [*data.get(key, []), att_id]
                services.form_request_save(
                    company=request.company, actor=request.user, template=template, raw=data, form_request=fr
                )
            if submit:
                services.form_request_submit(
                    form_request=fr,
                    actor=request.user,
                    chosen={k: [int(x) for x in v] for k, v in chosen.items() if v},
                )
    except ValidationFailed as exc:
        if not exc.fields:
            messages.error(request, str(exc.message))
        return _form_page(
            request,
            template,
            fr if fr and fr.pk else None,
            data=raw,
            errors=exc.fields,
            chosen=chosen,
            status=422,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return _form_page(request, template, fr, data=raw, chosen=chosen, status=409)
    if submit:
        messages.success(request, _("Submitted for approval."))
        return redirect(request_for_target(fr).get_absolute_url())
    messages.success(request, _("Draft saved."))
    return redirect(fr.get_absolute_url())


@login_required
def request_create(request, code):
    template = selectors.template_get(company=request.company, code=code)
    if request.method == "POST":
        return _save_from_post(request, template)
    return _form_page(request, template)


@login_required
def request_detail(request, pk):
    fr = selectors.form_request_get_for_user(pk=pk, user=request.user, company=request.company)
    req = request_for_target(fr)
    if req is not None and fr.state != FormState.DRAFT:
        return redirect(req.get_absolute_url())
    return render(
        request,
        "oaforms/request_detail.html",
        {"fr": fr, "rows": display_rows(fr), "mine": fr.created_by_id == request.user.pk},
    )


@login_required
def request_edit(request, pk):
    fr = selectors.form_request_get_for_user(pk=pk, user=request.user, company=request.company)
    if fr.created_by_id != request.user.pk:
        raise NotFound()
    if fr.state not in services.EDITABLE:
        messages.error(
            request,
            _("This request cannot be changed while it is %(state)s.") % {"state": fr.get_state_display()},
        )
        return redirect(fr.get_absolute_url())
    if request.method == "POST":
        return _save_from_post(request, fr.template, fr)
    return _form_page(request, fr.template, fr)


@login_required
@require_POST
def request_withdraw(request, pk):
    fr = selectors.form_request_get_for_user(pk=pk, user=request.user, company=request.company)
    try:
        services.form_request_withdraw(form_request=fr, actor=request.user)
        messages.success(request, _("Withdrawn."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(fr.get_absolute_url())


@login_required
def workdays(request):
    """Working days of a date range with halves (live figure on the leave form)."""
    try:
        days = leave_days(
            date.fromisoformat(request.GET["start"]),
            request.GET.get("start_half", "am"),
            date.fromisoformat(request.GET["end"]),
            request.GET.get("end_half", "pm"),
        )
        return JsonResponse({"days": str(days)})
    except (KeyError, ValueError):
        return JsonResponse({"days": None, "error": _("The end is before the start.")}, status=400)


# --- template administration --------------------------------------------------------------------


@login_required
def template_admin(request):
    require_company_admin(request.user, request.company)
    return render(
        request,
        "oaforms/template_admin.html",
        {"templates": selectors.template_list(company=request.company, active=None)},
    )


@login_required
def template_edit(request, code):
    require_company_admin(request.user, request.company)
    template = (
        None if code == "new" else selectors.template_get(company=request.company, code=code, active=None)
    )
    errors = []
    values = {
        "code": template.code if template else "",
        "name": template.name if template else "",
        "name_en": template.name_en if template else "",
        "category": template.category if template else "",
        "icon": template.icon if template else "file-earmark-text",
        "description": template.description if template else "",
        "active": template.active if template else True,
        "fields": template.fields if template else [],
    }
    if request.method == "POST":
        try:
            values.update(
                {
                    k: request.POST.get(k, "").strip()
                    for k in ("code", "name", "name_en", "category", "icon", "description")
                }
            )
            values["active"] = request.POST.get("active") == "on"
            values["fields"] = json.loads(request.POST.get("fields_json") or "[]")
            saved = services.template_save(
                company=request.company,
                actor=request.user,
                template=template,
                code=values["code"],
                name=values["name"],
                name_en=values["name_en"],
                fields=values["fields"],
                category=values["category"],
                icon=values["icon"],
                description=values["description"],
                active=values["active"],
            )
            messages.success(request, _("Saved."))
            return redirect("oaforms:template-edit", code=saved.code)
        except json.JSONDecodeError:
            errors = [_("The field list could not be read.")]
        except ValidationFailed as exc:
            errors = [m for ms in exc.fields.values() for m in ms] or [str(exc.message)]
    return render(
        request,
        "oaforms/template_edit.html",
        {
            "template": template,
            "values": values,
            "fields_json": values["fields"],
            "errors": errors,
            "types": sorted(F.TYPES),
        },
        status=422 if errors else 200,
    )
