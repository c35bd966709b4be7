"""E-mail received by the gateway (`ronghe mail-gateway`: an SMTP server, or polling an IMAP mailbox).

Where a mail goes, in order:
1. a bounce (a delivery status report, or from MAILER-DAEMON/postmaster) marks the outbound e-mail it names
   as bounced and says so on its record's timeline;
2. a reply — addressed to reply+<token>@…, or with In-Reply-To/References naming one of our Message-IDs —
   lands on the timeline of the record the first e-mail was sent from, attachments included, and its sender
   is notified;
3. mail to an alias (sales@…) goes to the alias's action: by default an internal mail to its owners; modules
   register more (crm: a new lead);
4. anything else is kept as "not delivered" for the administrators to see.
The sender is checked against the known addresses (partners and their contacts): a reply from an unknown
address is still filed, marked "unverified sender".
"""

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from ronghe.core.errors import DomainError
from ronghe.timeline.services import attachment_add, message_post, message_system, notification_send

from . import registry
from .models import InboundEmail, MailAlias, OutboundEmail
from .states import EmailState, InboundState

TOKEN_RE = re.compile(r"reply\+([0-9a-f]{24})@", re.I)


@dataclass
class Parsed:
    from_name: str
    from_address: str
    to: list[str]
    subject: str
    message_id: str
    references: list[str]
    text: str
    html: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    is_bounce: bool = False
    raw_text: str = ""  # the whole message as text (to find what a bounce names)


def parse(raw: bytes, envelope_to: list[str] | None = None) -> Parsed:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    name, address = parseaddr(str(msg.get("From", "")))
    to = [
        a
        for _n, a in getaddresses([str(v) for k in ("To", "Cc", "Delivered-To") for v in msg.get_all(k, [])])
    ]
    to = list(dict.fromkeys([*(envelope_to or []), *to]))
    refs = " ".join(str(msg.get(k, "")) for k in ("In-Reply-To", "References"))
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    attachments = []
    for part in msg.iter_attachments():
        filename = part.get_filename()
        if not filename:
            continue
        payload = part.get_payload(decode=True) or b""
        attachments.append((filename, payload, part.get_content_type()))
    ctype = msg.get_content_type()
    report = ctype == "multipart/report" and msg.get_param("report-type") == "delivery-status"
    daemon = address.lower().split("@")[0] in ("mailer-daemon", "postmaster")
    return Parsed(
        from_name=name,
        from_address=address.strip().lower(),
        to=[a.strip().lower() for a in to if a],
        subject=str(msg.get("Subject", ""))[:250],
        message_id=str(msg.get("Message-ID", "")).strip()[:250],
        references=re.findall(r"<[^>]+>", refs),
        text=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None else "",
        attachments=attachments,
        is_bounce=report or daemon,
        raw_text=raw.decode("utf-8", "replace") if report or daemon else "",
    )


def _outbound_for(p: Parsed) -> OutboundEmail | None:
    """The outbound e-mail a reply or bounce belongs to: by the reply token, else by Message-ID."""
    for address in p.to + ([p.raw_text] if p.raw_text else []):
        m = TOKEN_RE.search(address)
        if m:
            found = OutboundEmail.objects.filter(token=m.group(1).lower()).first()
            if found:
                return found
    ids = list(p.references)
    if p.raw_text:  # a bounce quotes the headers of what it returns
        for token in re.findall(r"X-Ronghe-Token:\s*([0-9a-f]{24})", p.raw_text, re.I):
            found = OutboundEmail.objects.filter(token=token.lower()).first()
            if found:
                return found
        ids += re.findall(r"Message-ID:\s*(<[^>]+>)", p.raw_text, re.I)
    if ids:
        return OutboundEmail.objects.filter(message_id__in=ids).order_by("-pk").first()
    return None


def _body_html(p: Parsed, verified: bool) -> str:
    head = _("E-mail from %(sender)s: %(subject)s") % {
        "sender": f"{p.from_name} <{p.from_address}>" if p.from_name else p.from_address,
        "subject": p.subject or _("(no subject)"),
    }
    if not verified:
        head += " · " + _("unverified sender")
    text = p.text or re.sub(r"<[^>]+>", " ", p.html)
    return f"<p><strong>{escape(head)}</strong></p>" + linebreaks(escape(text.strip()[:20000]))


def _attach(record, p: Parsed) -> None:
    for name, content, mime in p.attachments:
        try:
            attachment_add(
                record=record,
                actor=None,
                file=SimpleUploadedFile(name, content, content_type=mime),
                name=name,
            )
        except DomainError as exc:  # too big or a forbidden type: say so instead of losing the mail
            message_system(
                record=record,
                text=_("Attachment %(name)s not kept: %(why)s")
                % {
                    "name": name,
                    "why": "; ".join(str(m) for ms in exc.fields.values() for m in ms) or exc.message,
                },
            )


def receive(raw: bytes, *, envelope_to: list[str] | None = None) -> InboundEmail:
    """Route one received e-mail (see the module doc). Always records an InboundEmail row."""
    p = parse(raw, envelope_to)
    with transaction.atomic():
        row = InboundEmail(
            from_address=p.from_address[:250],
            to_addresses=", ".join(p.to)[:5000],
            subject=p.subject,
            message_id=p.message_id,
            state=InboundState.UNROUTED,
        )
        out = _outbound_for(p)
        if p.is_bounce:
            row.state = InboundState.BOUNCE
            if out is not None:
                row.company_id, row.outbound = out.company_id, out
                OutboundEmail.objects.filter(pk=out.pk).update(
                    state=EmailState.BOUNCED, last_error=p.subject[:2000]
                )
                record = out.record
                if record is not None:
                    message_system(
                        record=record,
                        text=_("E-mail “%(subject)s” to %(to)s bounced: %(why)s")
                        % {"subject": out.subject, "to": out.to, "why": p.subject},
                    )
                    row.record_type, row.record_id = out.record_type, out.record_id
                if out.created_by is not None:
                    notification_send(
                        user=out.created_by,
                        company_id=out.company_id,
                        title=_("E-mail bounced: %(subject)s") % {"subject": out.subject},
                    )
            row.save()
            return row
        if out is not None and out.record is not None:
            record = out.record
            sender = registry.find_sender(company_id=out.company_id, address=p.from_address)
            expected = {a.strip().lower() for a in (out.to + "," + out.cc).split(",") if a.strip()}
            row.verified = sender is not None or p.from_address in expected
            _set_sender(row, sender)
            row.company_id, row.outbound, row.state = out.company_id, out, InboundState.REPLY
            row.record_type, row.record_id = out.record_type, out.record_id
            message_post(record=record, author=None, body=_body_html(p, row.verified), kind="email")
            _attach(record, p)
            if out.created_by is not None:
                notification_send(
                    user=out.created_by,
                    company_id=out.company_id,
                    title=_("Reply from %(sender)s: %(subject)s")
                    % {"sender": p.from_address, "subject": p.subject},
                    link=_url(record),
                )
            row.save()
            return row
        alias = MailAlias.objects.filter(address__in=p.to, active=True).select_related("company").first()
        if alias is not None:
            sender = registry.find_sender(company_id=alias.company_id, address=p.from_address)
            row.company_id, row.state, row.verified = alias.company_id, InboundState.ALIAS, sender is not None
            _set_sender(row, sender)
            handler = registry.alias_handlers.get(alias.handler)
            record = (
                handler.fn(alias=alias, email=p, sender=sender)
                if handler
                else _notify_owners(alias, p, sender)
            )
            if record is not None:
                row.record_type = ContentType.objects.get_for_model(type(record))
                row.record_id = record.pk
            row.save()
            return row
        row.note = _("No record, no alias: kept here.")[:250]
        row.save()
        return row


def _set_sender(row, sender) -> None:
    if sender is not None:
        row.sender_type, row.sender_id = ContentType.objects.get_for_model(type(sender)), sender.pk


def _url(record) -> str:
    try:
        return record.get_absolute_url()
    except Exception:  # noqa: BLE001
        return ""


def _notify_owners(alias: MailAlias, p: Parsed, sender):
    """The default action of an alias: an internal mail to its owners, from the outside address."""
    from django.utils import timezone

    from .models import Mail, MailBox
    from .states import BoxRole, MailState

    owners = list(alias.owners.filter(is_active=True))
    if not owners:
        return None
    now = timezone.now()
    mail = Mail.objects.create(
        company_id=alias.company_id,
        external_from=(f"{p.from_name} <{p.from_address}>" if p.from_name else p.from_address)[:200],
        subject=(p.subject or _("(no subject)"))[:200],
        body=linebreaks(escape((p.text or re.sub(r"<[^>]+>", " ", p.html)).strip()[:20000])),
        state=MailState.SENT,
        sent_at=now,
        to_spec=[{"kind": "user", "id": u.pk, "label": str(u)} for u in owners],
    )
    mail.thread_id = mail.pk
    mail.save(update_fields=["thread"])
    MailBox.objects.bulk_create(
        [MailBox(company_id=alias.company_id, mail=mail, user=u, role=BoxRole.TO, at=now) for u in owners]
    )
    _attach(mail, p)
    for u in owners:
        notification_send(
            user=u,
            company_id=alias.company_id,
            title=_("Mail to %(alias)s: %(subject)s") % {"alias": alias.address, "subject": mail.subject},
            link=mail.get_absolute_url(),
        )
    return mail
