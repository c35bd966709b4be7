"""Meeting reads: who sees a meeting (its organizer and attendees, and anyone with the company-wide view),
a user's week, the rooms' free/busy grid for a day or a week."""

import datetime

from django.db.models import F, Q
from django.utils import timezone

from ronghe.core.errors import NotFound

from .models import Attendee, Meeting, Occurrence, Room
from .states import MeetingState


def meeting_get_for_user(*, pk, user, company) -> Meeting:
    qs = Meeting.objects.filter(pk=pk, company=company).select_related("organizer", "room")
    if not _sees_all(user, company):
        qs = qs.filter(Q(organizer=user) | Q(attendees__user=user))
    m = qs.distinct().first()
    if m is None:
        raise NotFound()
    return m


def _sees_all(user, company) -> bool:
    from ronghe.core.scoping import is_company_admin

    return is_company_admin(user, company)


def room_list(*, company, active_only: bool = True):
    qs = Room.objects.filter(company=company)
    return qs.filter(active=True) if active_only else qs


def week_bounds(day: datetime.date, days: int = 7) -> tuple[datetime.datetime, datetime.datetime, list]:
    monday = day - datetime.timedelta(days=day.weekday()) if days == 7 else day
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()), tz)
    dates = [monday + datetime.timedelta(days=i) for i in range(days)]
    return start, start + datetime.timedelta(days=days), dates


def my_occurrences(*, user, company, start, end):
    """The user's meetings (organized or attended, not declined) between start and end."""
    return (
        Occurrence.objects.filter(
            company=company, start__lt=end, end__gt=start, meeting__state=MeetingState.SCHEDULED
        )
        .filter(Q(meeting__organizer=user) | Q(meeting__attendees__user=user))
        .exclude(meeting__attendees__user=user, meeting__attendees__rsvp="declined")
        .select_related("meeting", "room")
        .distinct()
        .order_by("start")
    )


def rooms_grid(*, company, start, end, dates) -> list[dict]:
    """Every active room with its bookings per day: [{"room", "days": [[booking, ...] per date]}], a booking
    being {"meeting_id", "title", "organizer", "room_id", "start", "end"} — two queries and no model objects per
    booking, whatever the number of rooms (200 rooms × a full week stay quick)."""
    rooms = list(room_list(company=company))
    rows = (
        Occurrence.objects.filter(
            company=company,
            room__isnull=False,
            start__lt=end,
            end__gt=start,
            meeting__state=MeetingState.SCHEDULED,
        )
        .order_by("start")
        .values(
            "meeting_id",
            "room_id",
            "start",
            "end",
            title=F("meeting__title"),
            organizer_name=F("meeting__organizer__display_name"),
            organizer_username=F("meeting__organizer__username"),
        )
    )
    by_room: dict[int, dict] = {}
    for o in rows:
        o["start"], o["end"] = timezone.localtime(o["start"]), timezone.localtime(o["end"])
        o["organizer"] = o.pop("organizer_name") or o.pop("organizer_username")
        o.pop("organizer_username", None)
        by_room.setdefault(o["room_id"], {}).setdefault(o["start"].date(), []).append(o)
    return [{"room": r, "days": [by_room.get(r.pk, {}).get(d, []) for d in dates]} for r in rooms]


def people_grid(*, company, users, start, end, dates) -> list[dict]:
    """Free/busy of people: [{"user", "days": [[booking, ...] per date]}] — the meetings they organize or
    attend (not declined), as values (no model objects per booking); two queries."""
    ids = [u.pk for u in users]
    occ = list(
        Occurrence.objects.filter(
            company=company, start__lt=end, end__gt=start, meeting__state=MeetingState.SCHEDULED
        )
        .filter(meeting__attendees__user_id__in=ids)
        .order_by("start")
        .values(
            "meeting_id",
            "room_id",
            "start",
            "end",
            title=F("meeting__title"),
            organizer=F("meeting__organizer__username"),
        )
        .distinct()
    )
    who: dict[int, list[int]] = {}
    for mid, uid in (
        Attendee.objects.filter(meeting_id__in={o["meeting_id"] for o in occ}, user_id__in=ids)
        .exclude(rsvp="declined")
        .values_list("meeting_id", "user_id")
    ):
        who.setdefault(mid, []).append(uid)
    by_user: dict[int, dict] = {}
    for o in occ:
        o["start"], o["end"] = timezone.localtime(o["start"]), timezone.localtime(o["end"])
        for uid in who.get(o["meeting_id"], ()):
            by_user.setdefault(uid, {}).setdefault(o["start"].date(), []).append(o)
    return [{"user": u, "days": [by_user.get(u.pk, {}).get(d, []) for d in dates]} for u in users]


def colleagues(*, user, company) -> list:
    """The people of the user's departments (the default of the people free/busy view)."""
    from ronghe.core.models import User
    from ronghe.org.models import Employee

    depts = Employee.objects.filter(company=company, user=user, active=True).values("department_id")
    ids = Employee.objects.filter(
        company=company, department_id__in=depts, active=True, user__isnull=False
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def attendees_of(meeting):
    return list(Attendee.objects.filter(meeting=meeting).select_related("user", "partner"))


def meetings_for_record(record):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(type(record))
    return Meeting.objects.filter(record_type=ct, record_id=record.pk).order_by("-start")
