"""Timeline services: post messages, follow, schedule and finish activities, attach files, notify."""

import mimetypes
import re

import nh3
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from ronghe.core.errors import NotFound, ValidationFailed
from ronghe.core.models import User
from ronghe.core.transactions import service_transaction

from .models import (
    Activity,
    ActivityState,
    ActivityType,
    Attachment,
    Follower,
    HasTimeline,
    Message,
    MessageKind,
    Notification,
)

ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "span",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
ATTACHMENT_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/ofd",
}


def sanitize_html(text: str) -> str:
    """Keep safe formatting only; plain text (no tags) keeps its line breaks."""
    text = text or ""
    if "<" not in text:
        return linebreaks(escape(text))
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


def _ref(record) -> dict:
    if not isinstance(record, HasTimeline):
        raise ValidationFailed(_("This kind of record has no timeline."))
    return {
        "company_id": record.company_id,
        "content_type": ContentType.objects.get_for_model(type(record)),
        "object_id": record.pk,
    }


def _record_link(record) -> str:
    try:
        return record.get_absolute_url()
    except Exception:  # noqa: BLE001 - a record without a page still gets its notification
        return ""


_MENTION_RE = re.compile(r"@([\w.\-\u4e00-\u9fff]+)")


def mentioned_users(*, company_id: int, text: str):
    """Users of the company named as @username or @display name in the text."""
    tokens = set(_MENTION_RE.findall(re.sub(r"<[^>]+>", " ", text or "")))
    if not tokens:
        return []
    qs = User.objects.filter(memberships__company_id=company_id, memberships__active=True, is_active=True)
    return [u for u in qs if u.username in tokens or (u.display_name and u.display_name in tokens)]


def notification_send(*, user, company_id, title: str, body: str = "", link: str = "") -> Notification:
    return Notification.objects.create(
        user=user, company_id=company_id, title=title[:200], body=body, link=link[:300]
    )


def notifications_send(*, user_ids, company_id, title: str, body: str = "", link: str = "") -> int:
    """The same notification to many users with one statement (a mail to a department, an announcement)."""
    rows = [
        Notification(user_id=uid, company_id=company_id, title=title[:200], body=body, link=link[:300])
        for uid in sorted(set(user_ids))
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


@service_transaction
def notification_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None). Returns how many."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


@service_transaction
def follower_add(*, record, user) -> None:
    ref = _ref(record)
    Follower.objects.get_or_create(
        content_type=ref["content_type"],
        object_id=ref["object_id"],
        user=user,
        defaults={"company_id": ref["company_id"]},
    )


@service_transaction
def follower_remove(*, record, user) -> None:
    ref = _ref(record)
    Follower.objects.filter(content_type=ref["content_type"], object_id=ref["object_id"], user=user).delete()


@service_transaction
def message_post(*, record, author, body: str, kind: str = MessageKind.COMMENT) -> Message:
    """Post a comment or internal note on a record. @mentions notify (and follow); comments notify followers.

    Raises ValidationFailed when the body is empty.
    """
    if kind not in {MessageKind.COMMENT, MessageKind.NOTE, MessageKind.EMAIL}:
        raise ValidationFailed(fields={"kind": [_("Choose a valid message kind.")]})
    clean = sanitize_html(body)
    if not re.sub(r"<[^>]+>|\s|&nbsp;", "", clean):
        raise ValidationFailed(fields={"body": [_("Write a message first.")]})
    ref = _ref(record)
    msg = Message.objects.create(kind=kind, body=clean, author=author, **ref)
    mentioned = mentioned_users(company_id=record.company_id, text=body)
    if mentioned:
        msg.mentions.set(mentioned)
    link = _record_link(record)
    who = author.get_display_name() if author else _("System")
    for user in mentioned:
        follower_add(record=record, user=user)
        if author is None or user.pk != author.pk:
            notification_send(
                user=user,
                company_id=record.company_id,
                link=link,
                title=_("%(who)s mentioned you on %(record)s") % {"who": who, "record": record},
                body=nh3.clean(clean, tags=set()),
            )
    if author is not None:
        follower_add(record=record, user=author)
    if kind == MessageKind.COMMENT:
        skip = {u.pk for u in mentioned} | ({author.pk} if author else set())
        for f in (
            Follower.objects.filter(content_type=ref["content_type"], object_id=ref["object_id"])
            .exclude(user_id__in=skip)
            .select_related("user")
        ):
            notification_send(
                user=f.user,
                company_id=record.company_id,
                link=link,
                title=_("New message on %(record)s") % {"record": record},
                body=nh3.clean(clean, tags=set()),
            )
    return msg


def message_system(*, record, text: str, author=None) -> Message:
    """A system line on the timeline (events, transitions). Plain text, escaped."""
    return Message.objects.create(
        kind=MessageKind.SYSTEM, body=linebreaks(escape(text)), author=author, **_ref(record)
    )


@service_transaction
def activity_schedule(
    *, record, actor, assignee, summary: str, due_date, type: str = ActivityType.TODO, note: str = ""
) -> Activity:
    """Schedule a to-do / call / meeting on a record for an assignee in the record's company."""
    errors = {}
    if not (summary or "").strip():
        errors["summary"] = [_("This field is required.")]
    if type not in ActivityType.values:
        errors["type"] = [_("Choose a valid activity type.")]
    if due_date is None:
        errors["due_date"] = [_("This field is required.")]
    if (
        assignee is None
        or not assignee.memberships.filter(company_id=record.company_id, active=True).exists()
    ):
        errors["assignee"] = [_("Choose a user of this company.")]
    if errors:
        raise ValidationFailed(fields=errors)
    activity = Activity.objects.create(
        type=type,
        summary=summary.strip()[:200],
        note=note,
        due_date=due_date,
        assignee=assignee,
        created_by=actor,
        **_ref(record),
    )
    follower_add(record=record, user=assignee)
    if actor is None or assignee.pk != actor.pk:
        notification_send(
            user=assignee,
            company_id=record.company_id,
            link=_record_link(record),
            title=_("New activity for you: %(summary)s") % {"summary": activity.summary},
            body=str(record),
        )
    return activity


@service_transaction
def activity_done(*, activity: Activity, actor, feedback: str = "") -> Activity:
    """Mark an open activity done; a line with the feedback goes on the record's timeline."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.state != ActivityState.OPEN:
        from ronghe.core.errors import InvalidTransition

        raise InvalidTransition()
    activity.state = ActivityState.DONE
    activity.done_at = timezone.now()
    activity.done_by = actor
    activity.save(update_fields=["state", "done_at", "done_by"])
    text = _("Activity done: %(summary)s") % {"summary": activity.summary}
    if feedback:
        text += "\n" + feedback
    message_system(record=activity.record, text=text, author=actor)
    return activity


@service_transaction
def attachment_add(*, record, actor, file, name: str | None = None) -> Attachment:
    """Attach an uploaded file. Refuses files over the size limit and types outside the allow-list."""
    name = (name or getattr(file, "name", "") or "file").rsplit("/", 1)[-1][:200]
    size = getattr(file, "size", None) or 0
    mime = getattr(file, "content_type", None) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if size <= 0:
        raise ValidationFailed(fields={"file": [_("The file is empty.")]})
    if size > settings.RONGHE_ATTACHMENT_MAX_BYTES:
        raise ValidationFailed(
            fields={
                "file": [
                    _("The file is larger than %(mb)d MB.")
                    % {"mb": settings.RONGHE_ATTACHMENT_MAX_BYTES // (1024 * 1024)}
                ]
            }
        )
    if mime not in ATTACHMENT_TYPES:
        raise ValidationFailed(
            fields={"file": [_("Files of type %(type)s are not accepted.") % {"type": mime}]}
        )
    att = Attachment(name=name, size=size, mime=mime, uploaded_by=actor, **_ref(record))
    att.file.save(name, file, save=False)
    att.save()
    message_system(record=record, text=_("Attached %(name)s") % {"name": name}, author=actor)
    return att


@service_transaction
def attachment_delete(*, attachment: Attachment, actor) -> None:
    if attachment.uploaded_by_id != getattr(actor, "pk", None):
        raise NotFound()
    record = attachment.record
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    if record is not None:
        message_system(record=record, text=_("Removed attachment %(name)s") % {"name": name}, author=actor)


# --- Hooks: field history and events on the timeline -------------------------------------------


def _display(model, field_name, raw):
    field = model._meta.get_field(field_name)
    if raw in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation:
        obj = field.related_model._base_manager.filter(pk=raw).first()
        return str(obj) if obj else str(raw)
    if isinstance(raw, bool):
        return _("Yes") if raw else _("No")
    return str(raw)


def on_model_change(instance, created, diff) -> None:
    """Write tracked field changes of a HasTimeline record as one history message."""
    if created or not isinstance(instance, HasTimeline) or not instance.timeline_tracked:
        return
    from ronghe.core import context

    tracked = [f for f in instance.timeline_tracked if f in diff]
    if not tracked:
        return
    model = type(instance)
    rows = []
    for f in tracked:
        row = {"field": f, "old": _display(model, f, diff[f][0]), "new": _display(model, f, diff[f][1])}
        field = model._meta.get_field(f)
        if field.choices or isinstance(diff[f][1], bool):  # labels follow the reader's language
            row.update(old_raw=diff[f][0], new_raw=diff[f][1])
        rows.append(row)
    author_id = context.current().user_id
    Message.objects.create(kind=MessageKind.TRACKING, tracking=rows, author_id=author_id, **_ref(instance))


def on_event(event) -> None:
    target = event.timeline_target()
    if target is None:
        return
    from django.apps import apps

    from ronghe.core import context

    label, pk = target
    record = apps.get_model(label)._base_manager.filter(pk=pk).first()
    if isinstance(record, HasTimeline):
        Message.objects.create(
            kind=MessageKind.SYSTEM,
            body=linebreaks(escape(event.describe())),
            author_id=context.current().user_id,
            **_ref(record),
        )
