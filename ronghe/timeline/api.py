"""Timeline endpoints for any record: /api/v1/timeline/{model}/{id}/messages|activities|attachments."""

from datetime import date, datetime

from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from ronghe.core.apikit import require_company, resolve
from ronghe.core.selectors import user_list

from . import selectors, services
from .models import Activity

router = Router(tags=["timeline"])


class MessageOut(Schema):
    id: int
    kind: str
    body: str
    tracking: list
    author_id: int | None
    author_name: str | None
    created_at: datetime

    @staticmethod
    def resolve_author_name(obj):
        return obj.author.get_display_name() if obj.author_id else None


class MessageIn(Schema):
    body: str
    kind: str = "comment"


class ActivityOut(Schema):
    id: int
    type: str
    summary: str
    note: str
    due_date: date
    assignee_id: int
    state: str
    done_at: datetime | None


class ActivityIn(Schema):
    summary: str
    due_date: date
    assignee_id: int | None = None
    type: str = "todo"
    note: str = ""


class ActivityDoneIn(Schema):
    feedback: str = ""


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    mime: str
    created_at: datetime
    url: str

    @staticmethod
    def resolve_url(obj):
        return f"/timeline/attachment/{obj.pk}/"


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


def _record(request, model: str, record_id: int):
    return selectors.record_get_for_user(
        label=model, pk=record_id, user=request.user, company=require_company(request)
    )


@router.get(
    "/{model}/{record_id}/messages",
    response=list[MessageOut],
    summary="Messages on a record (model = app.model)",
)
def messages(request, model: str, record_id: int, limit: int = 50):
    return list(selectors.message_list(record=_record(request, model, record_id), limit=min(limit, 200)))


@router.post("/{model}/{record_id}/messages", response={201: MessageOut})
def message_post(request, model: str, record_id: int, payload: MessageIn):
    record = _record(request, model, record_id)
    return Status(
        201, services.message_post(record=record, author=request.user, body=payload.body, kind=payload.kind)
    )


@router.get("/{model}/{record_id}/activities", response=list[ActivityOut])
def activities(request, model: str, record_id: int):
    return list(selectors.activity_list(record=_record(request, model, record_id)))


@router.post("/{model}/{record_id}/activities", response={201: ActivityOut})
def activity_schedule(request, model: str, record_id: int, payload: ActivityIn):
    record = _record(request, model, record_id)
    assignee = resolve(user_list(company=request.company), payload.assignee_id, "assignee_id") or request.user
    return Status(
        201,
        services.activity_schedule(
            record=record,
            actor=request.user,
            assignee=assignee,
            summary=payload.summary,
            due_date=payload.due_date,
            type=payload.type,
            note=payload.note,
        ),
    )


@router.post("/activities/{activity_id}/done", response=ActivityOut)
def activity_done(request, activity_id: int, payload: ActivityDoneIn):
    activity = Activity.objects.select_related("content_type").get(
        pk=activity_id, company=require_company(request)
    )
    _record(request, activity.content_type.model_class()._meta.label_lower, activity.object_id)
    return services.activity_done(activity=activity, actor=request.user, feedback=payload.feedback)


@router.get("/{model}/{record_id}/attachments", response=list[AttachmentOut])
def attachments(request, model: str, record_id: int):
    return list(selectors.attachment_list(record=_record(request, model, record_id)))


@router.post("/{model}/{record_id}/attachments", response={201: AttachmentOut})
def attachment_upload(request, model: str, record_id: int, file: UploadedFile = File(...)):  # noqa: B008
    record = _record(request, model, record_id)
    return Status(201, services.attachment_add(record=record, actor=request.user, file=file))


notifications_router = Router(tags=["notifications"])


@notifications_router.get("", response=list[NotificationOut])
def notifications(request, unread: bool = False):
    return list(selectors.notification_list(user=request.user, unread_only=unread))


@notifications_router.post("/read", response=dict)
def notifications_read(request):
    return {"marked": services.notification_mark_read(user=request.user)}
