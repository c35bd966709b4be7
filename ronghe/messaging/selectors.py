"""Messaging reads: a user's mailbox by folder, a thread as the user may see it, read receipts for the
sender, e-mails of a record, received e-mails for administrators."""

from django.db.models import F, FilteredRelation, Q
from django.utils import timezone

from ronghe.core.errors import NotFound
from ronghe.core.scoping import is_company_admin

from .models import Announcement, InboundEmail, Mail, MailBox
from .states import BoxRole, Folder, MailState


def mailbox_list(*, user, company, folder: str = Folder.INBOX, q: str = ""):
    """The user's mailbox rows of a folder (newest first), with their mail and its sender."""
    qs = MailBox.objects.filter(user=user, company=company).select_related("mail", "mail__sender")
    if folder == Folder.SENT:
        qs = qs.filter(role=BoxRole.SENDER, mail__state=MailState.SENT, archived=False)
    elif folder == Folder.DRAFTS:
        qs = qs.filter(role=BoxRole.SENDER, mail__state=MailState.DRAFT)
    elif folder == Folder.STARRED:
        qs = qs.filter(starred=True)
    elif folder == Folder.ARCHIVE:
        qs = qs.filter(archived=True)
    else:
        qs = qs.exclude(role=BoxRole.SENDER).filter(archived=False, mail__state=MailState.SENT)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(mail__subject__icontains=q)
            | Q(mail__body__icontains=q)
            | Q(mail__sender__display_name__icontains=q)
            | Q(mail__sender__username__icontains=q)
            | Q(mail__external_from__icontains=q)
        )
    return qs.order_by("-at", "-id")


def unread_count(*, user, company) -> int:
    return (
        MailBox.objects.filter(user=user, company=company, read_at__isnull=True, archived=False)
        .exclude(role=BoxRole.SENDER)
        .filter(mail__state=MailState.SENT)
        .count()
    )


def mail_get_for_user(*, pk, user, company) -> Mail:
    mail = Mail.objects.filter(pk=pk, company=company, boxes__user=user).select_related("sender").first()
    if mail is None:
        raise NotFound()
    return mail


def thread_for_user(*, mail: Mail, user) -> list[Mail]:
    """The mails of the thread that reached the user (or that the user wrote), oldest first."""
    return list(
        Mail.objects.filter(thread_id=mail.thread_id or mail.pk, boxes__user=user, state=MailState.SENT)
        .select_related("sender")
        .distinct()
        .order_by("sent_at", "pk")
    )


def receipts(*, mail: Mail, user) -> list[MailBox]:
    """Who received the mail and when they read it — for its sender only (bcc included, for the sender)."""
    if mail.sender_id != user.pk:
        return []
    return list(
        MailBox.objects.filter(mail=mail)
        .exclude(role=BoxRole.SENDER)
        .select_related("user")
        .order_by("role", "user_id")
    )


def inbound_list(*, user, company, state: str = ""):
    if not is_company_admin(user, company):
        return InboundEmail.objects.none()
    qs = InboundEmail.objects.filter(Q(company=company) | Q(company__isnull=True))
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-received_at", "-id")


def announcement_list(*, user, company, include_all: bool = False):
    """The announcements that reached the user (current ones: not withdrawn, not expired), pinned first, with
    the user's own receipt; `include_all` (publishers) lists every announcement of the company."""
    qs = Announcement.objects.filter(company=company).select_related("published_by")
    qs = qs.annotate(mine=FilteredRelation("receipts", condition=Q(receipts__user=user)))
    if not include_all:
        today = timezone.localdate()
        qs = qs.filter(mine__isnull=False, withdrawn_at__isnull=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )
    return qs.annotate(my_read_at=F("mine__read_at"), my_ack_at=F("mine__acknowledged_at")).order_by(
        "-pinned", "-published_at", "-id"
    )


def announcement_get_for_user(*, pk, user, company):
    return Announcement.timeline_get_for_user(pk=pk, user=user, company=company)


def announcement_stats(announcement) -> dict:
    """Read and acknowledged counts, and who has not read / not acknowledged (for the publisher)."""
    receipts = list(announcement.receipts.select_related("user").order_by("user_id"))
    return {
        "total": len(receipts),
        "read": sum(1 for r in receipts if r.read_at),
        "acknowledged": sum(1 for r in receipts if r.acknowledged_at),
        "unread": [r.user for r in receipts if not r.read_at],
        "unacknowledged": [r.user for r in receipts if announcement.requires_ack and not r.acknowledged_at],
    }


def announcements_pending(*, user, company) -> list:
    """Unread or unacknowledged current announcements of the user (the home page card)."""
    return list(
        announcement_list(user=user, company=company).filter(
            Q(my_read_at__isnull=True) | Q(requires_ack=True, my_ack_at__isnull=True)
        )[:5]
    )
