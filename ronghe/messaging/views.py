"""Mail pages: folders with search, compose (recipients: users, departments, roles; rich text; files; file
on a record), a thread with read receipts for the sender, and the received e-mails for administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, NotFound, ValidationFailed
from ronghe.core.scoping import has_perm, is_company_admin, require_perm
from ronghe.org.addressing import options as recipient_options
from ronghe.timeline.selectors import record_get_for_user
from ronghe.web.forms import flash_service_errors, parse_date
from ronghe.web.listing import paginate_qs

from . import selectors, services
from .states import Folder, InboundState, MailState


@login_required
def mail_list(request):
    company = request.company
    folder = request.GET.get("folder") or Folder.INBOX
    if folder not in Folder.values:
        folder = Folder.INBOX
    q = request.GET.get("q", "")
    qs = selectors.mailbox_list(user=request.user, company=company, folder=folder, q=q)
    page = paginate_qs(request, qs, per_page=30)
    return render(
        request,
        "messaging/mail_list.html",
        {
            "folder": folder,
            "folders": Folder.choices,
            "q": q,
            "page": page,
            "unread": selectors.unread_count(user=request.user, company=company),
        },
    )


def _record_from(request, value: str):
    label, _sep, pk = (value or "").partition(":")
    if not label or not pk.isdigit():
        return None
    return record_get_for_user(label=label, pk=int(pk), user=request.user, company=request.company)


@login_required
def compose(request):
    company = request.company
    draft = None
    if request.GET.get("draft"):
        draft = selectors.mail_get_for_user(pk=request.GET["draft"], user=request.user, company=company)
        if draft.sender_id != request.user.pk or draft.state != MailState.DRAFT:
            raise NotFound()
    initial = {
        "to": [],
        "cc": [],
        "bcc": [],
        "subject": "",
        "body": "",
        "record": request.GET.get("record", ""),
    }
    parent = None
    if request.GET.get("reply"):
        parent = selectors.mail_get_for_user(pk=request.GET["reply"], user=request.user, company=company)
        data = services.reply_data(parent, request.user, reply_all=bool(request.GET.get("all")))
        initial.update({k: data[k] for k in ("to", "cc", "subject")})
        quoted = f"<p></p><blockquote>{parent.body}</blockquote>"
        initial["body"] = quoted
    if draft is not None:
        initial.update(
            {
                "to": [f"{s['kind']}:{s['id']}" for s in draft.to_spec],
                "cc": [f"{s['kind']}:{s['id']}" for s in draft.cc_spec],
                "bcc": [f"{s['kind']}:{s['id']}" for s in draft.bcc_spec],
                "subject": draft.subject,
                "body": draft.body,
                "record": f"{draft.record_type.model_class()._meta.label_lower}:{draft.record_id}"
                if draft.record_type_id
                else "",
            }
        )
        parent = draft.parent
    errors = {}
    if request.method == "POST":
        if request.POST.get("parent"):
            parent = selectors.mail_get_for_user(
                pk=request.POST["parent"], user=request.user, company=company
            )
        data = {
            "subject": request.POST.get("subject", ""),
            "body": request.POST.get("body", ""),
            "to": request.POST.getlist("to"),
            "cc": request.POST.getlist("cc"),
            "bcc": request.POST.getlist("bcc"),
        }
        record_value = request.POST.get("record", "")
        files = request.FILES.getlist("files")
        try:
            data["record"] = _record_from(request, record_value)
            if request.POST.get("save") == "draft":
                mail = services.mail_save_draft(
                    company=company, actor=request.user, data=data, mail=draft, files=files
                )
                messages.success(request, _("Draft saved."))
                return redirect("/messaging/?folder=drafts")
            mail = services.mail_send(
                company=company, actor=request.user, data={**data, "parent": parent}, mail=draft, files=files
            )
        except ValidationFailed as exc:
            errors = {k: [str(m) for m in v] for k, v in exc.fields.items()}
            if not errors:
                errors = {"form": [str(exc.message)]}
            initial.update({k: data[k] for k in ("to", "cc", "bcc", "subject", "body")})
            initial["record"] = record_value
        except DomainError as exc:
            errors = {"form": [str(exc.message)]}
        else:
            messages.success(request, _("Mail sent."))
            return redirect(mail.get_absolute_url())
    record = None
    if initial["record"]:
        try:
            record = _record_from(request, initial["record"])
        except NotFound:
            initial["record"] = ""
    return render(
        request,
        "messaging/compose.html",
        {
            "initial": initial,
            "options": recipient_options(company),
            "errors": errors,
            "parent": parent,
            "draft": draft,
            "record": record,
            "to_label": pgettext_lazy("mail", "To"),
        },
        status=422 if errors else 200,
    )


@login_required
def mail_detail(request, pk):
    company = request.company
    mail = selectors.mail_get_for_user(pk=pk, user=request.user, company=company)
    if mail.state == MailState.DRAFT:
        return redirect(f"/messaging/compose/?draft={mail.pk}")
    thread = selectors.thread_for_user(mail=mail, user=request.user)
    for m in thread:
        services.mail_mark(mail=m, user=request.user, read=True)
    boxes = {b.role: b for b in mail.boxes.filter(user=request.user)}
    entries = []
    for m in thread:
        entries.append(
            {
                "mail": m,
                "attachments": list(m.timeline_attachments.all()),
                "receipts": selectors.receipts(mail=m, user=request.user),
                "bcc": m.bcc_spec if m.sender_id == request.user.pk else [],
            }
        )
    box = next(iter(boxes.values()))
    return render(
        request,
        "messaging/mail_detail.html",
        {"mail": mail, "entries": entries, "box": box, "record": mail.record if mail.record_id else None},
    )


@login_required
@require_POST
def mail_act(request, pk, action):
    company = request.company
    mail = selectors.mail_get_for_user(pk=pk, user=request.user, company=company)
    flags = {
        "star": {"starred": True},
        "unstar": {"starred": False},
        "archive": {"archived": True},
        "unarchive": {"archived": False},
        "unread": {"read": False},
    }
    try:
        if action == "delete":
            services.mail_delete_draft(mail=mail, actor=request.user)
            messages.success(request, _("Draft deleted."))
            return redirect("/messaging/?folder=drafts")
        if action not in flags:
            raise NotFound()
        services.mail_mark(mail=mail, user=request.user, **flags[action])
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    if action in ("archive", "unread"):
        return redirect(request.POST.get("next") or "/messaging/")
    return redirect(request.POST.get("next") or mail.get_absolute_url())


@login_required
def inbound_list(request):
    if not is_company_admin(request.user, request.company):
        raise NotFound()
    state = request.GET.get("state", "")
    qs = selectors.inbound_list(user=request.user, company=request.company, state=state)
    return render(
        request,
        "messaging/inbound_list.html",
        {"page": paginate_qs(request, qs, per_page=50), "state": state, "states": InboundState.choices},
    )


# --- announcements (公告) -------------------------------------------------------------------------------------------


@login_required
def announcement_list(request):
    company = request.company
    can_publish = has_perm(request.user, company, "messaging.add_announcement")
    show_all = can_publish and request.GET.get("all") == "1"
    qs = selectors.announcement_list(user=request.user, company=company, include_all=show_all)
    return render(
        request,
        "messaging/announcement_list.html",
        {"page": paginate_qs(request, qs, per_page=20), "can_publish": can_publish, "show_all": show_all},
    )


@login_required
def announcement_form(request):
    company = request.company
    require_perm(request.user, company, "messaging.add_announcement")
    errors, values = (
        {},
        {"audience": [], "title": "", "body": "", "pinned": False, "requires_ack": False, "expires_on": ""},
    )
    if request.method == "POST":
        values = {
            "title": request.POST.get("title", ""),
            "body": request.POST.get("body", ""),
            "audience": request.POST.getlist("audience"),
            "pinned": bool(request.POST.get("pinned")),
            "requires_ack": bool(request.POST.get("requires_ack")),
            "expires_on": request.POST.get("expires_on", ""),
        }
        try:
            ann = services.announcement_publish(
                company=company,
                actor=request.user,
                data={
                    **values,
                    "expires_on": parse_date(values["expires_on"]),
                    "files": request.FILES.getlist("files"),
                },
            )
        except ValidationFailed as exc:
            errors = {k: [str(m) for m in v] for k, v in exc.fields.items()} or {"form": [str(exc.message)]}
        else:
            messages.success(request, _("Announcement published."))
            return redirect(ann.get_absolute_url())
    return render(
        request,
        "messaging/announcement_form.html",
        {
            "values": values,
            "errors": errors,
            "options": recipient_options(company),
            "audience_label": _("Audience"),
        },
        status=422 if errors else 200,
    )


@login_required
def announcement_detail(request, pk):
    company = request.company
    ann = selectors.announcement_get_for_user(pk=pk, user=request.user, company=company)
    mine = ann.receipts.filter(user=request.user).first()
    if mine is not None and mine.read_at is None:
        services.announcement_read(announcement=ann, user=request.user)
        mine.refresh_from_db()
    publisher = ann.published_by_id == request.user.pk or has_perm(
        request.user, company, "messaging.add_announcement"
    )
    return render(
        request,
        "messaging/announcement_detail.html",
        {
            "ann": ann,
            "mine": mine,
            "stats": selectors.announcement_stats(ann) if publisher else None,
            "can_withdraw": publisher and not ann.withdrawn_at,
            "attachments": list(ann.timeline_attachments.all()),
        },
    )


@login_required
@require_POST
def announcement_act(request, pk, action):
    ann = selectors.announcement_get_for_user(pk=pk, user=request.user, company=request.company)
    try:
        if action == "ack":
            services.announcement_acknowledge(announcement=ann, user=request.user)
            messages.success(request, _("Acknowledged."))
        elif action == "withdraw":
            services.announcement_withdraw(announcement=ann, actor=request.user)
            messages.success(request, _("Withdrawn"))
        else:
            raise NotFound()
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(ann.get_absolute_url())
