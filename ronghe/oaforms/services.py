"""OA form services: templates, drafts, submission through the approval engine, reactions to decisions."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.errors import InvalidTransition, NotFound, ValidationFailed
from ronghe.core.services import clean_and_save
from ronghe.core.transactions import service_transaction
from ronghe.workflow import services as workflow
from ronghe.workflow.selectors import request_for_target

from . import fields as F
from .models import FormRequest, FormState, FormTemplate

EDITABLE = {FormState.DRAFT, FormState.RETURNED}


@service_transaction
def template_save(
    *,
    company,
    actor,
    code: str,
    name: str,
    fields: list,
    category: str = "",
    icon: str = "",
    description: str = "",
    active: bool = True,
    template: FormTemplate | None = None,
    name_en: str = "",
) -> FormTemplate:
    """Create or change a form template. Requests already made keep their values."""
    problems = F.validate_definition(fields)
    if problems:
        raise ValidationFailed(fields={"fields": problems})
    t = template or FormTemplate(company=company)
    t.code, t.name, t.name_en, t.fields, t.category = (
        code,
        (name or "").strip(),
        name_en.strip(),
        fields,
        category,
    )
    t.icon, t.description, t.active = icon or "file-earmark-text", description, active
    return clean_and_save(t, actor=actor)


def _title(template, actor) -> str:
    return f"{template.name} · {actor.get_display_name()}"


@service_transaction
def form_request_save(
    *, company, actor, template: FormTemplate, raw: dict, form_request: FormRequest | None = None
) -> FormRequest:
    """Save a draft (or a returned request being corrected). Values are validated field by field;
    raises ValidationFailed with keys like "period" or "items.0.amount". A request in approval is locked."""
    if template.company_id != company.pk or not template.active:
        raise NotFound()
    if form_request is not None:
        form_request = FormRequest.objects.select_for_update().get(pk=form_request.pk, company=company)
        if form_request.created_by_id != actor.pk:
            raise NotFound()
        if form_request.state not in EDITABLE:
            raise InvalidTransition(
                _("This request cannot be changed while it is %(state)s.")
                % {"state": form_request.get_state_display()}
            )
    data, errors = F.clean_data(template.fields, raw, company=company)
    if errors:
        raise ValidationFailed(fields=errors)
    fr = form_request or FormRequest(company=company, template=template)
    fr.data = data
    fr.title = _title(template, actor)[:200]
    return clean_and_save(fr, actor=actor)


@service_transaction
def form_request_submit(*, form_request: FormRequest, actor, chosen: dict | None = None) -> FormRequest:
    """Send a draft for approval, or resubmit a returned one (a new round of the same request)."""
    fr = FormRequest.objects.select_for_update().select_related("template").get(pk=form_request.pk)
    if fr.created_by_id != actor.pk:
        raise NotFound()
    if fr.state not in EDITABLE:
        raise InvalidTransition(_("This request was already submitted."))
    _data, errors = F.clean_data(fr.template.fields, fr.data, company=fr.company)
    if errors:
        raise ValidationFailed(fields=errors)
    previous = request_for_target(fr)
    was_returned = fr.state == FormState.RETURNED
    fr.state = FormState.SUBMITTED
    fr.submitted_at = timezone.now()
    fr.save(update_fields=["state", "submitted_at", "updated_at"])
    if was_returned and previous is not None and previous.state == "returned":
        workflow.request_resubmit(request=previous, actor=actor, chosen=chosen)
    else:
        workflow.request_submit(target=fr, initiator=actor, chosen=chosen)
    return fr


@service_transaction
def form_request_create_and_submit(
    *, company, actor, template, raw: dict, chosen: dict | None = None
) -> FormRequest:
    fr = form_request_save(company=company, actor=actor, template=template, raw=raw)
    return form_request_submit(form_request=fr, actor=actor, chosen=chosen)


@service_transaction
def form_request_withdraw(*, form_request: FormRequest, actor) -> FormRequest:
    """Withdraw a request in approval or returned (through the engine); a draft is withdrawn directly."""
    fr = FormRequest.objects.select_for_update().get(pk=form_request.pk)
    if fr.created_by_id != actor.pk:
        raise NotFound()
    req = request_for_target(fr)
    if fr.state == FormState.DRAFT or req is None:
        if fr.state != FormState.DRAFT:
            raise InvalidTransition()
        fr.state = FormState.WITHDRAWN
        fr.save(update_fields=["state", "updated_at"])
        return fr
    workflow.request_withdraw(request=req, actor=actor)
    fr.refresh_from_db()
    return fr


# --- reactions to the engine (subscribed in apps.py, in the deciding transaction) -----------------

_STATE_FOR = {"approved": FormState.APPROVED, "rejected": FormState.REJECTED}


def _mine(event) -> FormRequest | None:
    if event.target_label != "oaforms.formrequest":
        return None
    return FormRequest.objects.select_for_update().filter(pk=event.target_id).first()


def on_decided(event) -> None:
    fr = _mine(event)
    if fr is not None:
        fr.state = _STATE_FOR[event.decision]
        fr.save(update_fields=["state", "updated_at"])


def on_returned(event) -> None:
    fr = _mine(event)
    if fr is not None:
        fr.state = FormState.RETURNED
        fr.save(update_fields=["state", "updated_at"])


def on_withdrawn(event) -> None:
    fr = _mine(event)
    if fr is not None:
        fr.state = FormState.WITHDRAWN
        fr.save(update_fields=["state", "updated_at"])
