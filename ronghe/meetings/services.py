"""Meeting services: schedule (with recurrence), reschedule, cancel — the room is locked and checked against
every occurrence, so two requests for the same slot cannot both win; invitations in-app and by e-mail with
an .ics; answers (RSVP); minutes whose action items become activities; reminders; the iCalendar of a meeting
and of a user's feed."""

import datetime
import secrets
import uuid

from dateutil.rrule import rrulestr
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ronghe.core.transactions import service_transaction
from ronghe.timeline.models import HasTimeline
from ronghe.timeline.services import (
    activity_schedule,
    message_system,
    notification_send,
    notifications_send,
    sanitize_html,
)

from .errors import RoomBooked
from .models import ActionItem, Attendee, CalendarToken, Meeting, Occurrence, Room
from .states import ICS_PARTSTAT, MeetingState, Rsvp

MAX_OCCURRENCES = 366
HORIZON_DAYS = 2 * 366


def expand(start: datetime.datetime, end: datetime.datetime, rrule: str = "") -> list[tuple]:
    """The (start, end) of every occurrence: one without a rule; with an RFC 5545 RRULE at most 366 and at
    most two years ahead, in local time (a weekly 09:00 stays 09:00)."""
    if not rrule:
        return [(start, end)]
    tz = timezone.get_current_timezone()
    local = timezone.localtime(start, tz).replace(tzinfo=None)
    duration = end - start
    try:
        rule = rrulestr(rrule.removeprefix("RRULE:"), dtstart=local)
    except (ValueError, TypeError) as exc:
        raise ValidationFailed(
            fields={"rrule": [_("This repetition rule is not valid: %(error)s") % {"error": exc}]}
        ) from None
    limit = local + datetime.timedelta(days=HORIZON_DAYS)
    out = []
    for dt in rule:
        if dt > limit or len(out) >= MAX_OCCURRENCES:
            break
        s = timezone.make_aware(dt, tz)
        out.append((s, s + duration))
    if not out:
        raise ValidationFailed(fields={"rrule": [_("This repetition rule gives no date.")]})
    return out


def rule_from(freq: str, count=None, until=None, interval: int = 1) -> str:
    """The RRULE of the form's simple choices: daily / weekly / monthly, N times or until a date."""
    if freq not in ("DAILY", "WEEKLY", "MONTHLY"):
        return ""
    parts = [f"FREQ={freq}"]
    if interval and int(interval) > 1:
        parts.append(f"INTERVAL={int(interval)}")
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    else:
        parts.append(f"COUNT={max(1, min(int(count or 10), MAX_OCCURRENCES))}")
    return ";".join(parts)


def room_conflicts(room: Room, slots: list[tuple], exclude_meeting=None) -> list[Occurrence]:
    """Booked occurrences of the room overlapping any of the slots (one query over the whole span)."""
    if room is None or not slots:
        return []
    lo, hi = min(s for s, _e in slots), max(e for _s, e in slots)
    qs = Occurrence.objects.filter(room=room, start__lt=hi, end__gt=lo, meeting__state=MeetingState.SCHEDULED)
    if exclude_meeting is not None:
        qs = qs.exclude(meeting=exclude_meeting)
    booked = list(qs.select_related("meeting").order_by("start"))
    out = []
    for occ in booked:
        if any(s < occ.end and occ.start < e for s, e in slots):
            out.append(occ)
    return out


def busy_attendees(company, user_ids, slots, exclude_meeting=None) -> dict[int, list[Occurrence]]:
    """Attendees already in another meeting at one of the times (a warning, not a refusal)."""
    if not user_ids or not slots:
        return {}
    lo, hi = min(s for s, _e in slots), max(e for _s, e in slots)
    qs = Occurrence.objects.filter(
        company=company, start__lt=hi, end__gt=lo, meeting__state=MeetingState.SCHEDULED
    ).filter(Q(meeting__attendees__user_id__in=user_ids) | Q(meeting__organizer_id__in=user_ids))
    if exclude_meeting is not None:
        qs = qs.exclude(meeting=exclude_meeting)
    out: dict[int, list] = {}
    for occ in qs.select_related("meeting").prefetch_related("meeting__attendees").distinct():
        if not any(s < occ.end and occ.start < e for s, e in slots):
            continue
        people = {a.user_id for a in occ.meeting.attendees.all()} | {occ.meeting.organizer_id}
        for uid in people & set(user_ids):
            out.setdefault(uid, []).append(occ)
    return out


def _clean(company, data: dict, meeting=None) -> dict:
    errors = {}
    title = (data.get("title") or "").strip()[:200]
    if not title:
        errors["title"] = [_("This field is required.")]
    start, end = data.get("start"), data.get("end")
    if not start:
        errors["start"] = [_("This field is required.")]
    if not end:
        errors["end"] = [_("This field is required.")]
    if start and end and end <= start:
        errors["end"] = [_("The end must be after the start.")]
    room = data.get("room")
    if room is not None and (room.company_id != company.pk or not room.active):
        errors["room"] = [_("Choose a room of this company.")]
    users = list(data.get("users") or [])
    outsiders = [u for u in users if not u.memberships.filter(company=company, active=True).exists()]
    if outsiders:
        errors["users"] = [_("Choose users of this company.")]
    contacts = list(data.get("contacts") or [])
    if any(c.company_id != company.pk for c in contacts):
        errors["contacts"] = [_("Choose contacts of this company.")]
    record = data.get("record")
    if record is not None and not isinstance(record, HasTimeline):
        errors["record"] = [_("This kind of record has no timeline.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if room is not None and len(users) + len(contacts) + 1 > room.capacity:
        data.setdefault("warnings", []).append(
            _("%(room)s seats %(n)s.") % {"room": room.name, "n": room.capacity}
        )
    return {**data, "title": title, "users": users, "contacts": contacts}


def _book(company, meeting: Meeting, slots) -> None:
    Occurrence.objects.filter(meeting=meeting).delete()
    Occurrence.objects.bulk_create(
        [Occurrence(company=company, meeting=meeting, room=meeting.room, start=s, end=e) for s, e in slots]
    )


def _lock_room_and_check(room, slots, exclude=None):
    if room is None:
        return
    Room.objects.select_for_update().get(pk=room.pk)  # one booking of this room at a time
    conflicts = room_conflicts(room, slots, exclude)
    if conflicts:
        first = conflicts[0]
        raise RoomBooked(
            conflicts,
            _("%(room)s is booked %(when)s for “%(title)s”%(more)s.")
            % {
                "room": room.name,
                "when": f"{timezone.localtime(first.start):%Y-%m-%d %H:%M}–{timezone.localtime(first.end):%H:%M}",
                "title": first.meeting.title,
                "more": _(" and %(n)s more times") % {"n": len(conflicts) - 1} if len(conflicts) > 1 else "",
            },
        )


@service_transaction
def meeting_schedule(*, company, actor, data: dict) -> Meeting:
    """Book a meeting: data = title, start, end, room, location, rrule, agenda, users (attendees), contacts
    (partner contacts), record (related). Raises RoomBooked naming the conflicting meeting."""
    from ronghe.core.scoping import membership_for

    if actor is not None and membership_for(actor, company) is None:  # every member of the company books
        raise PermissionDenied()
    data = _clean(company, data)
    slots = expand(data["start"], data["end"], data.get("rrule") or "")
    _lock_room_and_check(data.get("room"), slots)
    record = data.get("record")
    meeting = Meeting.objects.create(
        company=company,
        created_by=actor,
        title=data["title"],
        organizer=actor,
        room=data.get("room"),
        location=(data.get("location") or "").strip()[:200],
        start=data["start"],
        end=data["end"],
        rrule=data.get("rrule") or "",
        agenda=sanitize_html(data.get("agenda") or ""),
        uid=f"{uuid.uuid4()}@ronghe",
        record_type=ContentType.objects.get_for_model(type(record)) if record is not None else None,
        record_id=record.pk if record is not None else None,
    )
    _book(company, meeting, slots)
    people = [Attendee(meeting=meeting, user=actor, name=str(actor), email=actor.email, rsvp=Rsvp.ACCEPTED)]
    people += [
        Attendee(meeting=meeting, user=u, name=str(u), email=u.email)
        for u in data["users"]
        if u.pk != actor.pk
    ]
    people += [
        Attendee(meeting=meeting, partner=c, name=c.name, email=c.email or "") for c in data["contacts"]
    ]
    Attendee.objects.bulk_create(people)
    if record is not None:
        message_system(
            record=record,
            text=_("Meeting “%(title)s” on %(when)s")
            % {"title": meeting.title, "when": f"{timezone.localtime(meeting.start):%Y-%m-%d %H:%M}"},
            author=actor,
        )
    _invite(meeting, actor, [a for a in meeting.attendees.all() if a.user_id != actor.pk])
    return meeting


def _invite(meeting: Meeting, actor, attendees, *, update: bool = False) -> None:
    """In-app notification for users; e-mail with the .ics for everyone with an address (when e-mail is
    configured)."""
    when = f"{timezone.localtime(meeting.start):%Y-%m-%d %H:%M}"
    title = (
        _("Meeting changed: %(title)s, %(when)s") if update else _("Invitation: %(title)s, %(when)s")
    ) % {
        "title": meeting.title,
        "when": when,
    }
    notifications_send(
        user_ids=[a.user_id for a in attendees if a.user_id],
        company_id=meeting.company_id,
        title=title,
        link=meeting.get_absolute_url(),
    )
    emails = [a.email for a in attendees if a.email]
    if emails and settings.EMAIL_HOST:
        from ronghe.messaging.services import email_queue

        body = _("%(organizer)s invites you to “%(title)s” on %(when)s%(where)s.") % {
            "organizer": meeting.organizer,
            "title": meeting.title,
            "when": when,
            "where": f" · {meeting.room or meeting.location}" if (meeting.room or meeting.location) else "",
        }
        email_queue(
            record=meeting,
            actor=actor,
            to=emails,
            subject=title,
            body=body,
            attachments=[
                ("invite.ics", meeting_ics(meeting, method="REQUEST"), "text/calendar; method=REQUEST")
            ],
        )


def _lock(meeting, actor) -> Meeting:
    m = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if actor is not None and m.organizer_id != actor.pk:
        from ronghe.core.scoping import is_company_admin

        if not is_company_admin(actor, m.company):
            raise PermissionDenied(_("Only the organizer changes the meeting."))
    return m


@service_transaction
def meeting_reschedule(*, meeting: Meeting, actor, data: dict) -> Meeting:
    """Change time, room or repetition (rechecked against the room); attendees are told again."""
    m = _lock(meeting, actor)
    if m.state != MeetingState.SCHEDULED:
        raise InvalidTransition(_("This meeting was cancelled."))
    merged = {
        "title": data.get("title", m.title),
        "start": data.get("start", m.start),
        "end": data.get("end", m.end),
        "room": data.get("room", m.room),
        "users": [],
        "contacts": [],
    }
    merged = _clean(m.company, merged)
    rrule = data.get("rrule", m.rrule)
    slots = expand(merged["start"], merged["end"], rrule)
    _lock_room_and_check(merged["room"], slots, exclude=m)
    m.title, m.start, m.end, m.room, m.rrule = (
        merged["title"],
        merged["start"],
        merged["end"],
        merged["room"],
        rrule,
    )
    if "location" in data:
        m.location = (data["location"] or "").strip()[:200]
    if "agenda" in data:
        m.agenda = sanitize_html(data["agenda"] or "")
    m.sequence += 1
    m.save()
    _book(m.company, m, slots)
    Attendee.objects.filter(meeting=m).exclude(user=m.organizer).update(
        rsvp=Rsvp.NEEDS_ACTION, responded_at=None
    )
    _invite(m, actor, [a for a in m.attendees.all() if a.user_id != m.organizer_id], update=True)
    return m


@service_transaction
def meeting_cancel(*, meeting: Meeting, actor, reason: str = "") -> Meeting:
    m = _lock(meeting, actor)
    if m.state == MeetingState.CANCELLED:
        raise InvalidTransition(_("This meeting was cancelled."))
    m.state, m.sequence = MeetingState.CANCELLED, m.sequence + 1
    m.save()
    for a in m.attendees.exclude(user=m.organizer).select_related("user"):
        if a.user_id:
            notification_send(
                user=a.user,
                company_id=m.company_id,
                title=_("Meeting cancelled: %(title)s") % {"title": m.title},
                body=reason,
                link=m.get_absolute_url(),
            )
    message_system(record=m, text=_("Cancelled") + (f": {reason}" if reason else ""), author=actor)
    return m


@service_transaction
def rsvp(*, meeting: Meeting, user, answer: str) -> Attendee:
    """Accept / decline / tentative — the organizer is told."""
    if answer not in (Rsvp.ACCEPTED, Rsvp.DECLINED, Rsvp.TENTATIVE):
        raise ValidationFailed(fields={"answer": [_("Choose accept, tentative or decline.")]})
    a = Attendee.objects.select_for_update().filter(meeting=meeting, user=user).first()
    if a is None:
        from ronghe.core.errors import NotFound

        raise NotFound()
    if meeting.state != MeetingState.SCHEDULED:
        raise InvalidTransition(_("This meeting was cancelled."))
    a.rsvp, a.responded_at = answer, timezone.now()
    a.save(update_fields=["rsvp", "responded_at"])
    if meeting.organizer_id != user.pk:
        notification_send(
            user=meeting.organizer,
            company_id=meeting.company_id,
            title=_("%(user)s: %(answer)s — %(title)s")
            % {"user": user, "answer": a.get_rsvp_display(), "title": meeting.title},
            link=meeting.get_absolute_url(),
        )
    return a


@service_transaction
def minutes_save(*, meeting: Meeting, actor, minutes: str, items: list[dict] = ()) -> list[ActionItem]:
    """纪要 by the organizer or an attendee; each action item {summary, owner, due_date} becomes an activity
    (to-do) for its owner — on the related record when the meeting has one, otherwise on the meeting."""
    m = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not (m.organizer_id == actor.pk or m.attendees.filter(user=actor).exists()):
        raise PermissionDenied()
    errors = {}
    clean = []
    for i, it in enumerate(items or []):
        summary = (it.get("summary") or "").strip()[:200]
        if not summary:
            continue
        owner, due = it.get("owner"), it.get("due_date")
        if owner is None or not owner.memberships.filter(company=m.company, active=True).exists():
            errors[f"items.{i}.owner"] = [_("Choose a user of this company.")]
        if due is None:
            errors[f"items.{i}.due_date"] = [_("This field is required.")]
        clean.append((summary, owner, due))
    if errors:
        raise ValidationFailed(fields=errors)
    m.minutes, m.minutes_by = sanitize_html(minutes or ""), actor
    m.save(update_fields=["minutes", "minutes_by", "updated_at"])
    target = m.record if m.record_id and m.record is not None else m
    made = []
    for summary, owner, due in clean:
        act = activity_schedule(
            record=target,
            actor=actor,
            assignee=owner,
            summary=f"{summary}（{m.title}）",
            due_date=due,
            type="todo",
        )
        made.append(
            ActionItem.objects.create(meeting=m, summary=summary, owner=owner, due_date=due, activity=act)
        )
    message_system(record=m, text=_("Minutes saved with %(n)s action items") % {"n": len(made)}, author=actor)
    return made


def remind_due(now=None) -> int:
    """Recurring job: attendees of occurrences starting within RONGHE_MEETING_REMIND_MINUTES are reminded
    once (the occurrence remembers it)."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(minutes=settings.RONGHE_MEETING_REMIND_MINUTES)
    n = 0
    due = Occurrence.objects.filter(
        start__gt=now, start__lte=soon, reminded_at__isnull=True, meeting__state=MeetingState.SCHEDULED
    ).select_related("meeting", "room")
    for occ in due:
        claimed = Occurrence.objects.filter(pk=occ.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed:  # another worker took it
            continue
        for a in (
            occ.meeting.attendees.exclude(rsvp=Rsvp.DECLINED)
            .filter(user__isnull=False)
            .select_related("user")
        ):
            notification_send(
                user=a.user,
                company_id=occ.company_id,
                title=_("Starts at %(time)s: %(title)s%(room)s")
                % {
                    "time": f"{timezone.localtime(occ.start):%H:%M}",
                    "title": occ.meeting.title,
                    "room": f" · {occ.room}" if occ.room else "",
                },
                link=occ.meeting.get_absolute_url(),
            )
            n += 1
    return n


# --- iCalendar --------------------------------------------------------------------------------------------------------


def _vevent(m: Meeting):
    from icalendar import Event, vCalAddress, vText

    ev = Event()
    ev.add("uid", m.uid)
    ev.add("dtstamp", timezone.now())
    utc = datetime.UTC  # written as UTC ("Z"): every calendar program reads it the same way
    ev.add("dtstart", m.start.astimezone(utc))
    ev.add("dtend", m.end.astimezone(utc))
    ev.add("summary", m.title)
    ev.add("sequence", m.sequence)
    ev.add("status", "CANCELLED" if m.state == MeetingState.CANCELLED else "CONFIRMED")
    if m.rrule:
        ev.add("rrule", _rrule_dict(m.rrule))
    where = (
        str(m.room) + (f" {m.room.location}" if m.room and m.room.location else "") if m.room else m.location
    )
    if where:
        ev.add("location", where)
    from django.utils.html import strip_tags

    if m.agenda:
        ev.add("description", strip_tags(m.agenda))
    org = vCalAddress(f"mailto:{m.organizer.email or m.organizer.username + '@ronghe.local'}")
    org.params["cn"] = vText(str(m.organizer))
    ev["organizer"] = org
    for a in m.attendees.all():
        if not a.email:
            continue
        att = vCalAddress(f"mailto:{a.email}")
        att.params["cn"] = vText(a.name)
        att.params["partstat"] = vText(ICS_PARTSTAT[a.rsvp])
        att.params["role"] = vText("REQ-PARTICIPANT")
        ev.add("attendee", att, encode=0)
    return ev


def _rrule_dict(rule: str) -> dict:
    out = {}
    for part in rule.removeprefix("RRULE:").split(";"):
        k, _sep, v = part.partition("=")
        if k and v:
            out[k.lower()] = v.split(",") if "," in v else v
    return out


def _calendar(method: str | None = None):
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//Ronghe//Meetings//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def meeting_ics(meeting: Meeting, method: str | None = "PUBLISH") -> bytes:
    cal = _calendar(method)
    cal.add_component(_vevent(meeting))
    return cal.to_ical()


def feed_token(*, user, company, renew: bool = False) -> CalendarToken:
    tok = CalendarToken.objects.filter(user=user).first()
    if tok is None or renew:
        token = secrets.token_urlsafe(32)
        tok, _created = CalendarToken.objects.update_or_create(
            user=user, defaults={"company": company, "token": token}
        )
    return tok


def feed_ics(*, token: str) -> bytes | None:
    """The calendar of the token's user: the meetings they organize or attend, from 90 days ago on."""
    tok = CalendarToken.objects.select_related("user", "company").filter(token=token).first()
    if tok is None or not tok.user.is_active:
        return None
    since = timezone.now() - datetime.timedelta(days=90)
    meetings = (
        Meeting.objects.filter(company=tok.company)
        .filter(Q(organizer=tok.user) | Q(attendees__user=tok.user))
        .filter(Q(end__gte=since) | Q(occurrences__end__gte=since))
        .select_related("organizer", "room")
        .prefetch_related("attendees")
        .distinct()
    )
    cal = _calendar()
    cal.add("x-wr-calname", f"{tok.user} · {tok.company}")
    for m in meetings:
        cal.add_component(_vevent(m))
    return cal.to_ical()
