"""Timeline pages: the panel on every detail page and its htmx actions. Access = access to the record."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError
from ronghe.core.models import User
from ronghe.core.selectors import user_list

from . import selectors, services
from .models import Activity


def panel_context(request, record, errors=None) -> dict:
    label = record._meta.label_lower
    followers = list(selectors.follower_list(record=record))
    items = []
    for m in selectors.message_list(record=record):
        items.append({"kind": "message", "at": m.created_at, "obj": m})
    return {
        "record": record,
        "label": label,
        "items": items,
        "activities": list(selectors.activity_list(record=record, include_done=False)),
        "attachments": list(selectors.attachment_list(record=record)),
        "followers": followers,
        "is_following": any(f.user_id == request.user.pk for f in followers),
        "members": user_list(company=request.company),
        "errors": errors or {},
        "general_errors": (errors or {}).get("__all__"),
        "activity_types": Activity._meta.get_field("type").choices,
        "today": datetime.date.today().isoformat(),
    }


def _render_panel(request, record, errors=None, status=200):
    return render(
        request, "timeline/partials/_panel.html", panel_context(request, record, errors), status=status
    )


def _record(request, label, pk):
    return selectors.record_get_for_user(label=label, pk=pk, user=request.user, company=request.company)


@login_required
def panel(request, label, pk):
    return _render_panel(request, _record(request, label, pk))


def _respond(request, record, exc=None):
    errors = {}
    if exc is not None:
        errors = exc.fields or {"__all__": [str(exc.message)]}
    if request.headers.get("HX-Request"):
        return _render_panel(request, record, errors, status=422 if exc else 200)
    return redirect(record.get_absolute_url())


@login_required
@require_POST
def message_post(request, label, pk):
    record = _record(request, label, pk)
    try:
        services.message_post(
            record=record,
            author=request.user,
            body=request.POST.get("body", ""),
            kind=request.POST.get("kind", "comment"),
        )
    except DomainError as exc:
        return _respond(request, record, exc)
    return _respond(request, record)


@login_required
@require_POST
def activity_schedule(request, label, pk):
    record = _record(request, label, pk)
    assignee = User.objects.filter(pk=request.POST.get("assignee") or request.user.pk).first()
    try:
        due = datetime.date.fromisoformat(request.POST.get("due_date", ""))
    except ValueError:
        due = None
    try:
        services.activity_schedule(
            record=record,
            actor=request.user,
            assignee=assignee,
            summary=request.POST.get("summary", ""),
            due_date=due,
            type=request.POST.get("type", "todo"),
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _respond(request, record, exc)
    return _respond(request, record)


@login_required
@require_POST
def activity_done(request, pk):
    activity = Activity.objects.filter(pk=pk, company=request.company).select_related("content_type").first()
    if activity is None:
        return HttpResponse(status=404)
    record = _record(request, activity.content_type.model_class()._meta.label_lower, activity.object_id)
    try:
        services.activity_done(
            activity=activity, actor=request.user, feedback=request.POST.get("feedback", "")
        )
    except DomainError as exc:
        return _respond(request, record, exc)
    return _respond(request, record)


@login_required
@require_POST
def follow_toggle(request, label, pk):
    record = _record(request, label, pk)
    if request.POST.get("follow") == "1":
        services.follower_add(record=record, user=request.user)
    else:
        services.follower_remove(record=record, user=request.user)
    return _respond(request, record)


@login_required
@require_POST
def attachment_upload(request, label, pk):
    record = _record(request, label, pk)
    f = request.FILES.get("file")
    try:
        if f is None:
            from django.utils.translation import gettext as _

            from ronghe.core.errors import ValidationFailed

            raise ValidationFailed(fields={"file": [_("Choose a file to upload.")]})
        services.attachment_add(record=record, actor=request.user, file=f)
    except DomainError as exc:
        return _respond(request, record, exc)
    return _respond(request, record)


@login_required
def attachment_download(request, pk):
    att = selectors.attachment_get_for_user(pk=pk, user=request.user, company=request.company)
    inline = att.mime in {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "text/plain",
    }
    return FileResponse(
        att.file.open("rb"), as_attachment=not inline, filename=att.name, content_type=att.mime
    )
