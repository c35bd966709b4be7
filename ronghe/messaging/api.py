"""Messaging endpoints: the user's mailbox (folders, search), a mail (marks it read), send, mark (read,
star, archive), the recipients one may address, and queueing an e-mail from a record."""

from datetime import date, datetime

from ninja import Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company
from ronghe.org.addressing import options as recipient_options
from ronghe.timeline.selectors import record_get_for_user

from . import selectors, services

router = Router(tags=["messaging"])


class SpecOut(Schema):
    kind: str
    id: int
    label: str


class MailOut(Schema):
    id: int
    subject: str
    body: str
    state: str
    sender_id: int | None
    external_from: str
    sent_at: datetime | None
    thread_id: int | None
    parent_id: int | None
    to: list[SpecOut]
    cc: list[SpecOut]

    @staticmethod
    def resolve_to(obj):
        return obj.to_spec

    @staticmethod
    def resolve_cc(obj):
        return obj.cc_spec


class BoxOut(Schema):
    role: str
    read_at: datetime | None
    starred: bool
    archived: bool
    mail: MailOut


class MailIn(Schema):
    subject: str
    body: str = ""
    to: list[str] = []  # "user:3", "dept:2", "role:5"
    cc: list[str] = []
    bcc: list[str] = []
    parent_id: int | None = None
    record: str = ""  # "partners.partner:12": file the mail on that record


class MarkIn(Schema):
    read: bool | None = None
    starred: bool | None = None
    archived: bool | None = None


class RecipientOut(Schema):
    value: str
    label: str
    group: str


class EmailIn(Schema):
    record: str  # "sales.salesorder:5"
    to: list[str]
    cc: list[str] = []
    subject: str
    body: str = ""


class EmailOut(Schema):
    id: int
    state: str
    to: str
    subject: str
    attempts: int
    sent_at: datetime | None


def _record(request, value: str):
    label, _sep, pk = (value or "").partition(":")
    if not label or not pk.isdigit():
        return None
    return record_get_for_user(label=label, pk=int(pk), user=request.user, company=require_company(request))


@router.get("/mail", response=page_of(BoxOut), summary="Folder: inbox, sent, drafts, starred, archive")
def mail_list(request, folder: str = "inbox", q: str = "", page: int = 1, limit: int = 50):
    qs = selectors.mailbox_list(user=request.user, company=require_company(request), folder=folder, q=q)
    return paginate(qs, page=page, limit=limit)


@router.get("/mail/{mail_id}", response=MailOut, summary="A mail one sent or received (marks it read)")
def mail_get(request, mail_id: int):
    mail = selectors.mail_get_for_user(pk=mail_id, user=request.user, company=require_company(request))
    services.mail_mark(mail=mail, user=request.user, read=True)
    return mail


@router.post("/mail", response={201: MailOut}, summary="Send an internal mail")
def mail_send(request, payload: MailIn):
    company = require_company(request)
    parent = (
        selectors.mail_get_for_user(pk=payload.parent_id, user=request.user, company=company)
        if payload.parent_id
        else None
    )
    data = payload.dict(exclude={"parent_id", "record"})
    data["parent"] = parent
    if payload.record:
        data["record"] = _record(request, payload.record)
    return Status(201, services.mail_send(company=company, actor=request.user, data=data))


@router.post("/mail/{mail_id}/mark", response={204: None})
def mail_mark(request, mail_id: int, payload: MarkIn):
    mail = selectors.mail_get_for_user(pk=mail_id, user=request.user, company=require_company(request))
    services.mail_mark(mail=mail, user=request.user, **payload.dict())
    return Status(204, None)


@router.get(
    "/recipients", response=list[RecipientOut], summary="Users, departments and roles one may address"
)
def recipients(request):
    return recipient_options(require_company(request))


@router.post("/emails", response={201: EmailOut}, summary="E-mail from a record (queued; sent by the worker)")
def email_create(request, payload: EmailIn):
    record = _record(request, payload.record)
    if record is None:
        from django.utils.translation import gettext as _

        from ronghe.core.errors import ValidationFailed

        raise ValidationFailed(fields={"record": [_("Give a record as label:id, e.g. sales.salesorder:5.")]})
    return Status(
        201,
        services.email_queue(
            record=record,
            actor=request.user,
            to=payload.to,
            cc=payload.cc,
            subject=payload.subject,
            body=payload.body,
        ),
    )


class AnnouncementIn(Schema):
    title: str
    body: str = ""
    audience: list[str] = []  # "dept:2", "role:5", "user:3"; empty: the whole company
    pinned: bool = False
    requires_ack: bool = False
    expires_on: date | None = None


class AnnouncementOut(Schema):
    id: int
    title: str
    body: str
    pinned: bool
    requires_ack: bool
    published_at: datetime | None
    published_by_id: int | None
    expires_on: date | None
    withdrawn_at: datetime | None
    audience: list[SpecOut]

    @staticmethod
    def resolve_audience(obj):
        return obj.audience_spec


class AnnouncementStatsOut(Schema):
    total: int
    read: int
    acknowledged: int
    unread_user_ids: list[int]
    unacknowledged_user_ids: list[int]


@router.get(
    "/announcements", response=page_of(AnnouncementOut), summary="Current announcements that reached me"
)
def announcement_list(request, page: int = 1, limit: int = 50):
    return paginate(
        selectors.announcement_list(user=request.user, company=require_company(request)),
        page=page,
        limit=limit,
    )


@router.post(
    "/announcements", response={201: AnnouncementOut}, summary="Publish (messaging.add_announcement)"
)
def announcement_create(request, payload: AnnouncementIn):
    return Status(
        201,
        services.announcement_publish(
            company=require_company(request), actor=request.user, data=payload.dict()
        ),
    )


@router.post("/announcements/{ann_id}/ack", response={204: None}, summary="确认已读")
def announcement_ack(request, ann_id: int):
    ann = selectors.announcement_get_for_user(pk=ann_id, user=request.user, company=require_company(request))
    services.announcement_read(announcement=ann, user=request.user)
    services.announcement_acknowledge(announcement=ann, user=request.user)
    return Status(204, None)


@router.get(
    "/announcements/{ann_id}/stats", response=AnnouncementStatsOut, summary="Who has not read it (publishers)"
)
def announcement_stats(request, ann_id: int):
    from ronghe.core.errors import NotFound
    from ronghe.core.scoping import has_perm

    company = require_company(request)
    ann = selectors.announcement_get_for_user(pk=ann_id, user=request.user, company=company)
    if ann.published_by_id != request.user.pk and not has_perm(
        request.user, company, "messaging.add_announcement"
    ):
        raise NotFound()
    s = selectors.announcement_stats(ann)
    return {
        "total": s["total"],
        "read": s["read"],
        "acknowledged": s["acknowledged"],
        "unread_user_ids": [u.pk for u in s["unread"]],
        "unacknowledged_user_ids": [u.pk for u in s["unacknowledged"]],
    }
