"""Messaging services.

Internal mail (站内信): compose to users, departments (everyone in them and below at the moment it is sent)
and roles, with cc and bcc; drafts; replies in threads; read receipts; star and archive; file on a record.

Outbound e-mail from a record: `email_queue` writes the outbox row in the caller's transaction and the task
delivers it after commit, retrying with back-off; the record's timeline tells it was sent (or failed), and a
reply comes back to the record through the reply token (see inbound.py).
"""

import datetime
import secrets
from email.utils import make_msgid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from ronghe.core.errors import InvalidTransition, NotFound, ValidationFailed
from ronghe.core.models import User
from ronghe.core.transactions import service_transaction
from ronghe.org.addressing import labelled as _labelled
from ronghe.org.addressing import parse_specs, recipients_resolve
from ronghe.timeline.models import HasTimeline
from ronghe.timeline.services import (
    attachment_add,
    message_post,
    message_system,
    notification_send,
    notifications_send,
    sanitize_html,
)

from .errors import NoRecipients
from .models import Announcement, AnnouncementReceipt, Mail, MailBox, OutboundAttachment, OutboundEmail
from .states import BoxRole, EmailState, MailState

MAX_ATTEMPTS = 5

# --- internal mail -----------------------------------------------------------------------------------------------


def _record_for(record):
    if record is None:
        return None, None
    if not isinstance(record, HasTimeline):
        raise ValidationFailed(fields={"record": [_("This kind of record has no timeline.")]})
    return ContentType.objects.get_for_model(type(record)), record.pk


def _fill(mail: Mail, company, data: dict) -> None:
    errors = {}
    if "subject" in data:
        mail.subject = (data.get("subject") or "").strip()[:200]
    if "body" in data:
        mail.body = sanitize_html(data.get("body") or "")
    for field in ("to", "cc", "bcc"):
        if field in data:
            try:
                setattr(mail, f"{field}_spec", _labelled(company, parse_specs(data[field]), field))
            except ValidationFailed as exc:
                errors.update(exc.fields)
    if "record" in data:
        mail.record_type, mail.record_id = _record_for(data["record"])
    if errors:
        raise ValidationFailed(fields=errors)


@service_transaction
def mail_save_draft(*, company, actor, data: dict, mail: Mail | None = None, files=()) -> Mail:
    """Keep a mail being written (nothing is delivered)."""
    mail = (
        _own_draft(mail, actor) if mail else Mail(company=company, created_by=actor, sender=actor, subject="")
    )
    _fill(mail, company, data)
    if not mail.subject:
        mail.subject = _("(no subject)")
    mail.save()
    MailBox.objects.update_or_create(
        mail=mail, user=actor, role=BoxRole.SENDER, defaults={"company": company, "at": timezone.now()}
    )
    for f in files:
        attachment_add(record=mail, actor=actor, file=f)
    return mail


def _own_draft(mail, actor) -> Mail:
    mail = Mail.objects.select_for_update().get(pk=mail.pk)
    if mail.sender_id != actor.pk:
        raise NotFound()
    if mail.state != MailState.DRAFT:
        raise InvalidTransition(_("This mail was sent already."))
    return mail


@service_transaction
def mail_send(*, company, actor, data: dict, mail: Mail | None = None, files=()) -> Mail:
    """Send a mail (a new one, or a draft given as `mail`). `data`: subject, body, to, cc, bcc (specs or
    "kind:id" strings), parent (the mail replied to), record (to file it on). Everyone reached gets it in the
    inbox and a notification; a filed mail is noted on the record's timeline."""
    mail = (
        _own_draft(mail, actor) if mail else Mail(company=company, created_by=actor, sender=actor, subject="")
    )
    _fill(mail, company, data)
    errors = {}
    if not mail.subject:
        errors["subject"] = [_("This field is required.")]
    parent = data.get("parent")
    if parent is not None:
        if not MailBox.objects.filter(mail=parent, user=actor).exists():
            raise NotFound()
        mail.parent = parent
        mail.thread_id = parent.thread_id or parent.pk
    reach = {}
    for role, specs in ((BoxRole.TO, mail.to_spec), (BoxRole.CC, mail.cc_spec), (BoxRole.BCC, mail.bcc_spec)):
        for uid in recipients_resolve(company, specs):
            reach.setdefault(uid, role)  # to before cc before bcc
    if not reach and not errors:
        raise NoRecipients(fields={"to": [str(NoRecipients.default_message)]})
    if errors:
        raise ValidationFailed(fields=errors)
    now = timezone.now()
    mail.state, mail.sent_at = MailState.SENT, now
    mail.save()
    if mail.thread_id is None:
        mail.thread_id = mail.pk
        mail.save(update_fields=["thread"])
    MailBox.objects.update_or_create(
        mail=mail, user=actor, role=BoxRole.SENDER, defaults={"company": company, "at": now, "read_at": now}
    )
    MailBox.objects.bulk_create(
        [
            MailBox(
                company=company,
                mail=mail,
                user_id=uid,
                role=role,
                at=now,
                read_at=now if uid == actor.pk else None,
            )
            for uid, role in reach.items()
        ]
    )
    for f in files:
        attachment_add(record=mail, actor=actor, file=f)
    link = mail.get_absolute_url()
    title = _("Mail from %(sender)s: %(subject)s") % {"sender": actor, "subject": mail.subject}
    notifications_send(
        user_ids=[uid for uid in reach if uid != actor.pk], company_id=company.pk, title=title, link=link
    )
    if mail.record_id:
        message_system(
            record=mail.record,
            text=_("Internal mail “%(subject)s” from %(sender)s")
            % {"subject": mail.subject, "sender": actor},
            author=actor,
        )
    return mail


def _box(mail, user) -> list[MailBox]:
    boxes = list(MailBox.objects.filter(mail=mail, user=user))
    if not boxes:
        raise NotFound()
    return boxes


@service_transaction
def mail_mark(
    *, mail: Mail, user, read: bool | None = None, starred: bool | None = None, archived: bool | None = None
) -> None:
    """Read/unread, star, archive (in the user's own mailbox only)."""
    boxes = _box(mail, user)
    changes = {}
    if read is not None:
        changes["read_at"] = timezone.now() if read else None
    if starred is not None:
        changes["starred"] = starred
    if archived is not None:
        changes["archived"] = archived
    if changes:
        qs = MailBox.objects.filter(pk__in=[b.pk for b in boxes])
        if read:
            qs = qs.filter(read_at__isnull=True)  # the first reading time is the receipt
        qs.update(**changes)


@service_transaction
def mail_delete_draft(*, mail: Mail, actor) -> None:
    mail = _own_draft(mail, actor)
    for att in mail.timeline_attachments.all():
        att.file.delete(save=False)
    mail.delete()


def reply_data(mail: Mail, user, *, reply_all: bool = False) -> dict:
    """What a reply starts with: Re: subject, to the sender (and, for reply-all, the visible recipients)."""
    subject = mail.subject if mail.subject.lower().startswith(("re:", "回复")) else f"Re: {mail.subject}"
    to = [f"user:{mail.sender_id}"] if mail.sender_id and mail.sender_id != user.pk else []
    cc = []
    if reply_all:
        to += [
            f"{s['kind']}:{s['id']}" for s in mail.to_spec if not (s["kind"] == "user" and s["id"] == user.pk)
        ]
        cc = [
            f"{s['kind']}:{s['id']}" for s in mail.cc_spec if not (s["kind"] == "user" and s["id"] == user.pk)
        ]
    return {"subject": subject, "to": list(dict.fromkeys(to)), "cc": cc, "parent": mail}


# --- outbound e-mail ---------------------------------------------------------------------------------------------


def _addresses(values, field) -> list[str]:
    if isinstance(values, str):
        values = values.replace(";", ",").split(",")
    out = [v.strip() for v in values or [] if v and v.strip()]
    try:
        for a in out:
            validate_email(a)
    except ValidationError:
        raise ValidationFailed(fields={field: [_("Enter a valid e-mail address.")]}) from None
    return out


def reply_address(token: str, fallback: str = "") -> str:
    """reply+<token>@<RONGHE_MAIL_DOMAIN>: where a reply to a record's e-mail goes (the gateway reads it)."""
    domain = getattr(settings, "RONGHE_MAIL_DOMAIN", "")
    return f"reply+{token}@{domain}" if domain else fallback


@service_transaction
def email_queue(*, record, actor, to, subject: str, body: str, attachments=(), cc=()) -> OutboundEmail:
    """Queue an e-mail from a record (e.g. its PDF): written now, delivered by a task after commit.
    `attachments`: [(filename, bytes, mimetype)]."""
    from django.core.files.base import ContentFile

    if not settings.EMAIL_HOST:
        raise ValidationFailed(
            _("E-mail is not configured: set RONGHE_EMAIL_HOST."),
            fields={"to": [_("E-mail is not configured.")]},
        )
    to_list, cc_list = _addresses(to, "to"), _addresses(cc, "cc")
    if not to_list:
        raise ValidationFailed(fields={"to": [_("Enter a valid e-mail address.")]})
    if not (subject or "").strip():
        raise ValidationFailed(fields={"subject": [_("This field is required.")]})
    rtype, rid = _record_for(record)
    domain = getattr(settings, "RONGHE_MAIL_DOMAIN", "") or "ronghe.local"
    email = OutboundEmail.objects.create(
        company_id=record.company_id,
        created_by=actor,
        record_type=rtype,
        record_id=rid,
        to=", ".join(to_list),
        cc=", ".join(cc_list),
        subject=subject.strip()[:250],
        body=body or "",
        token=secrets.token_hex(12),
        message_id=make_msgid(domain=domain),
    )
    for name, content, mime in attachments:
        att = OutboundAttachment(email=email, name=name[:200], mime=mime)
        att.file.save(name, ContentFile(content), save=False)
        att.save()
    _enqueue(email)
    return email


def _enqueue(email: OutboundEmail, when=None) -> None:
    """Enqueued in the same transaction (the task table is the outbox): a rolled-back change sends nothing."""
    from .tasks import email_send_task

    (email_send_task.using(run_after=when) if when else email_send_task).enqueue(email_id=email.pk)


def email_deliver(*, email_id: int) -> str:
    """Deliver one queued e-mail (the task's body). Idempotent: a sent, failed or bounced one is left alone.
    A failure is retried with back-off (1, 2, 4, 8 minutes), then marked failed and its sender told."""
    from django.core.mail import EmailMessage

    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.state != EmailState.QUEUED:
            return "skipped"
        sender = email.created_by
        fallback = sender.email if sender is not None and sender.email else ""
        reply_to = reply_address(email.token, fallback)
        msg = EmailMessage(
            subject=email.subject,
            body=email.body,
            to=[a.strip() for a in email.to.split(",") if a.strip()],
            cc=[a.strip() for a in email.cc.split(",") if a.strip()],
            reply_to=[reply_to] if reply_to else None,
            headers={"Message-ID": email.message_id, "X-Ronghe-Token": email.token},
        )
        for att in email.attachments.all():
            with att.file.open("rb") as fh:
                msg.attach(att.name, fh.read(), att.mime)
        email.attempts += 1
        try:
            msg.send()
        except Exception as exc:  # noqa: BLE001 - any transport error is retried, then reported
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.state = EmailState.FAILED
                email.save(update_fields=["attempts", "last_error", "state", "updated_at"])
                _note(
                    email,
                    _("E-mail “%(subject)s” to %(to)s could not be sent: %(error)s")
                    % {"subject": email.subject, "to": email.to, "error": email.last_error},
                )
                if sender is not None:
                    notification_send(
                        user=sender,
                        company_id=email.company_id,
                        title=_("E-mail not sent: %(subject)s") % {"subject": email.subject},
                        body=email.last_error,
                        link=_link(email),
                    )
                return "failed"
            email.next_attempt_at = timezone.now() + datetime.timedelta(minutes=2 ** (email.attempts - 1))
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", "updated_at"])
            _enqueue(email, when=email.next_attempt_at)
            return "retry"
        email.state, email.sent_at, email.last_error = EmailState.SENT, timezone.now(), ""
        email.save(update_fields=["attempts", "state", "sent_at", "last_error", "updated_at"])
        _note(
            email,
            _("E-mailed “%(subject)s” to %(to)s") % {"subject": email.subject, "to": email.to},
            kind="email",
            body=email.body,
        )
        return "sent"


def _link(email) -> str:
    record = email.record
    try:
        return record.get_absolute_url() if record is not None else ""
    except Exception:  # noqa: BLE001
        return ""


def _note(email: OutboundEmail, text: str, kind: str = "", body: str = "") -> None:
    record = email.record
    if record is None:
        return
    if kind == "email":
        message_post(
            record=record,
            author=email.created_by,
            body=f"<p><strong>{escape(text)}</strong></p>" + (sanitize_html(body) if body else ""),
            kind="email",
        )
    else:
        message_system(record=record, text=text, author=email.created_by)


# --- announcements (公告) -------------------------------------------------------------------------------------------


@service_transaction
def announcement_publish(*, company, actor, data: dict) -> Announcement:
    """Publish to the audience (departments, roles, users; none = the whole company) as it is now: everyone
    gets a receipt row and a notification."""
    from ronghe.core.scoping import has_perm

    if actor is not None and not has_perm(actor, company, "messaging.add_announcement"):
        from ronghe.core.errors import PermissionDenied

        raise PermissionDenied()
    errors = {}
    title = (data.get("title") or "").strip()[:200]
    if not title:
        errors["title"] = [_("This field is required.")]
    body = sanitize_html(data.get("body") or "")
    try:
        audience = _labelled(company, parse_specs(data.get("audience")), "audience")
    except ValidationFailed as exc:
        errors.update(exc.fields)
        audience = []
    expires = data.get("expires_on")
    if expires and expires < timezone.localdate():
        errors["expires_on"] = [_("The date is in the past.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if audience:
        users = recipients_resolve(company, audience)
    else:
        users = set(
            User.objects.filter(
                memberships__company=company, memberships__active=True, is_active=True
            ).values_list("pk", flat=True)
        )
    if not users:
        raise NoRecipients(fields={"audience": [str(NoRecipients.default_message)]})
    ann = Announcement.objects.create(
        company=company,
        created_by=actor,
        title=title,
        body=body,
        audience_spec=audience,
        pinned=bool(data.get("pinned")),
        requires_ack=bool(data.get("requires_ack")),
        published_at=timezone.now(),
        published_by=actor,
        expires_on=expires or None,
    )
    AnnouncementReceipt.objects.bulk_create(
        [AnnouncementReceipt(announcement=ann, user_id=u) for u in sorted(users)]
    )
    for f in data.get("files") or ():
        attachment_add(record=ann, actor=actor, file=f)
    title_text = (
        _("Announcement to acknowledge: %(title)s") if ann.requires_ack else _("Announcement: %(title)s")
    ) % {"title": title}
    notifications_send(
        user_ids=[u for u in users if actor is None or u != actor.pk],
        company_id=company.pk,
        title=title_text,
        link=ann.get_absolute_url(),
    )
    return ann


def _receipt(ann, user):
    r = AnnouncementReceipt.objects.filter(announcement=ann, user=user).first()
    if r is None:
        raise NotFound()
    return r


@service_transaction
def announcement_read(*, announcement, user) -> None:
    r = _receipt(announcement, user)
    if r.read_at is None:
        type(r).objects.filter(pk=r.pk, read_at__isnull=True).update(read_at=timezone.now())


@service_transaction
def announcement_acknowledge(*, announcement, user) -> None:
    """确认已读: recorded once, with the time."""
    if not announcement.requires_ack:
        raise InvalidTransition(_("This announcement asks for no acknowledgement."))
    if announcement.withdrawn_at:
        raise InvalidTransition(_("This announcement was withdrawn."))
    r = _receipt(announcement, user)
    now = timezone.now()
    type(r).objects.filter(pk=r.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, read_at=r.read_at or now
    )


@service_transaction
def announcement_withdraw(*, announcement, actor) -> None:
    from ronghe.core.scoping import has_perm

    ann = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if ann.published_by_id != actor.pk and not has_perm(actor, ann.company, "messaging.delete_announcement"):
        from ronghe.core.errors import PermissionDenied

        raise PermissionDenied()
    if ann.withdrawn_at:
        raise InvalidTransition(_("This announcement was withdrawn."))
    ann.withdrawn_at, ann.pinned = timezone.now(), False
    ann.save(update_fields=["withdrawn_at", "pinned", "updated_at"])
    message_system(record=ann, text=_("Withdrawn"), author=actor)
