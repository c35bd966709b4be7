from ronghe.core.errors import NotFound
from ronghe.core.scoping import is_company_admin

from .models import FormRequest, FormState, FormTemplate


def template_list(*, company, active: bool | None = True):
    qs = FormTemplate.objects.filter(company=company)
    return qs.filter(active=active) if active is not None else qs


def template_get(*, company, code: str, active: bool | None = True) -> FormTemplate:
    t = template_list(company=company, active=active).filter(code=code).first()
    if t is None:
        raise NotFound()
    return t


def my_drafts(*, user, company):
    return FormRequest.objects.filter(
        company=company, created_by=user, state__in=[FormState.DRAFT, FormState.RETURNED]
    ).select_related("template")


def form_request_get_for_user(*, pk, user, company) -> FormRequest:
    """A form request is visible to its author, to everyone taking part in its approval, and to admins."""
    fr = FormRequest.objects.filter(pk=pk, company=company).select_related("template").first()
    if fr is None:
        raise NotFound()
    if fr.created_by_id == user.pk or is_company_admin(user, company):
        return fr
    from ronghe.workflow.selectors import request_for_target, request_get_for_user

    req = request_for_target(fr)
    if req is None:
        raise NotFound()
    request_get_for_user(pk=req.pk, user=user, company=company)  # raises NotFound when not a participant
    return fr
