"""Meeting endpoints: rooms and their bookings, my meetings, book (409 meetings.room_booked names the
conflicting meeting), answer, cancel, the .ics of a meeting."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from ronghe.core.apikit import require_company, resolve
from ronghe.core.selectors import user_list

from . import selectors, services
from .errors import RoomBooked

router = Router(tags=["meetings"])


class RoomOut(Schema):
    id: int
    name: str
    capacity: int
    equipment: str
    location: str


class BookingOut(Schema):
    meeting_id: int
    title: str
    room_id: int | None
    start: datetime.datetime
    end: datetime.datetime


class AttendeeOut(Schema):
    user_id: int | None
    partner_id: int | None
    name: str
    email: str
    rsvp: str


class MeetingOut(Schema):
    id: int
    title: str
    organizer_id: int
    room_id: int | None
    location: str
    start: datetime.datetime
    end: datetime.datetime
    rrule: str
    state: str
    agenda: str
    attendees: list[AttendeeOut]

    @staticmethod
    def resolve_attendees(obj):
        return list(obj.attendees.all())


class MeetingIn(Schema):
    title: str
    start: datetime.datetime
    end: datetime.datetime
    room_id: int | None = None
    location: str = ""
    rrule: str = ""  # RFC 5545, e.g. FREQ=WEEKLY;COUNT=8
    agenda: str = ""
    user_ids: list[int] = []


class RsvpIn(Schema):
    answer: str  # accepted, tentative, declined


class ConflictOut(Schema):
    code: str
    message: str
    conflicts: list[BookingOut]


def _booking(o):
    return {
        "meeting_id": o.meeting_id,
        "title": o.meeting.title,
        "room_id": o.room_id,
        "start": o.start,
        "end": o.end,
    }


@router.get("/rooms", response=list[RoomOut])
def room_list(request):
    return list(selectors.room_list(company=require_company(request)))


@router.get(
    "/rooms/bookings",
    response=list[BookingOut],
    summary="Every room's bookings between two dates (free/busy)",
)
def room_bookings(request, date_from: datetime.date, date_to: datetime.date):
    company = require_company(request)
    days = max(1, min((date_to - date_from).days + 1, 31))
    start, end, dates = selectors.week_bounds(date_from, days=days)
    grid = selectors.rooms_grid(company=company, start=start, end=end, dates=dates)
    return [
        {k: o[k] for k in ("meeting_id", "title", "room_id", "start", "end")}
        for row in grid
        for day in row["days"]
        for o in day
    ]


@router.get(
    "/mine", response=list[BookingOut], summary="My meetings between two dates (organized or attended)"
)
def mine(request, date_from: datetime.date, date_to: datetime.date):
    company = require_company(request)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time()), tz)
    end = timezone.make_aware(
        datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time()), tz
    )
    return [
        _booking(o)
        for o in selectors.my_occurrences(user=request.user, company=company, start=start, end=end)
    ]


@router.post(
    "/", response={201: MeetingOut, 409: ConflictOut}, summary="Book a meeting and invite the attendees"
)
def meeting_create(request, payload: MeetingIn):
    company = require_company(request)
    room = (
        resolve(selectors.room_list(company=company), payload.room_id, "room_id") if payload.room_id else None
    )
    users = [resolve(user_list(company=company), pk, "user_ids") for pk in payload.user_ids]
    data = {**payload.dict(exclude={"room_id", "user_ids"}), "room": room, "users": users}
    try:
        m = services.meeting_schedule(company=company, actor=request.user, data=data)
    except RoomBooked as exc:
        return Status(
            409,
            {
                "code": exc.code,
                "message": str(exc.message),
                "conflicts": [_booking(o) for o in exc.conflicts[:20]],
            },
        )
    return Status(201, m)


@router.get("/{meeting_id}", response=MeetingOut)
def meeting_get(request, meeting_id: int):
    return selectors.meeting_get_for_user(pk=meeting_id, user=request.user, company=require_company(request))


@router.post("/{meeting_id}/rsvp", response=AttendeeOut)
def meeting_rsvp(request, meeting_id: int, payload: RsvpIn):
    m = selectors.meeting_get_for_user(pk=meeting_id, user=request.user, company=require_company(request))
    return services.rsvp(meeting=m, user=request.user, answer=payload.answer)


@router.post("/{meeting_id}/cancel", response=MeetingOut)
def meeting_cancel(request, meeting_id: int):
    m = selectors.meeting_get_for_user(pk=meeting_id, user=request.user, company=require_company(request))
    return services.meeting_cancel(meeting=m, actor=request.user)


@router.get("/{meeting_id}/ics", summary="The meeting as iCalendar (text/calendar)")
def meeting_ics(request, meeting_id: int):
    m = selectors.meeting_get_for_user(pk=meeting_id, user=request.user, company=require_company(request))
    return HttpResponse(services.meeting_ics(m), content_type="text/calendar; charset=utf-8")
