"""OA form endpoints: templates, and creating/submitting/withdrawing requests."""

from datetime import datetime

from ninja import Router, Schema, Status

from ronghe.core.apikit import require_company

from . import selectors, services
from .fields import label

router = Router(tags=["request forms"])


class TemplateOut(Schema):
    code: str
    name: str
    category: str
    icon: str
    fields: list
    approvable_type: str

    @staticmethod
    def resolve_name(obj):
        return obj.display_name


class FormRequestIn(Schema):
    template: str
    data: dict
    submit: bool = True
    approvers: dict[str, list[int]] = {}


class FormRequestOut(Schema):
    id: int
    template: str
    title: str
    state: str
    data: dict
    submitted_at: datetime | None
    approval_request_id: int | None

    @staticmethod
    def resolve_template(obj):
        return obj.template.code

    @staticmethod
    def resolve_approval_request_id(obj):
        from ronghe.workflow.selectors import request_for_target

        req = request_for_target(obj)
        return req.pk if req else None


@router.get("/templates", response=list[TemplateOut])
def template_list(request):
    out = []
    for t in selectors.template_list(company=require_company(request)):
        t.fields = [{**f, "label": label(f)} for f in t.fields]
        out.append(t)
    return out


@router.post("/requests", response={201: FormRequestOut}, summary="Create a request form (and submit it)")
def form_request_create(request, payload: FormRequestIn):
    company = require_company(request)
    template = selectors.template_get(company=company, code=payload.template)
    fr = services.form_request_save(company=company, actor=request.user, template=template, raw=payload.data)
    if payload.submit:
        fr = services.form_request_submit(form_request=fr, actor=request.user, chosen=payload.approvers)
    return Status(201, fr)


@router.get("/requests/{request_id}", response=FormRequestOut)
def form_request_get(request, request_id: int):
    return selectors.form_request_get_for_user(
        pk=request_id, user=request.user, company=require_company(request)
    )


class SubmitIn(Schema):
    approvers: dict[str, list[int]] = {}


@router.post("/requests/{request_id}/submit", response=FormRequestOut)
def form_request_submit(request, request_id: int, payload: SubmitIn):
    fr = selectors.form_request_get_for_user(
        pk=request_id, user=request.user, company=require_company(request)
    )
    return services.form_request_submit(form_request=fr, actor=request.user, chosen=payload.approvers)


@router.post("/requests/{request_id}/withdraw", response=FormRequestOut)
def form_request_withdraw(request, request_id: int):
    fr = selectors.form_request_get_for_user(
        pk=request_id, user=request.user, company=require_company(request)
    )
    return services.form_request_withdraw(form_request=fr, actor=request.user)
