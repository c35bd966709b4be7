"""Meeting pages: my week, the rooms' free/busy grid (day or week), book a meeting (conflicts shown, the
form kept), a meeting (answer, .ics, minutes with action items, reschedule, cancel), the calendar
subscription page and the feed itself."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ronghe.core.errors import DomainError, ValidationFailed
from ronghe.core.selectors import user_list
from ronghe.timeline.selectors import record_get_for_user
from ronghe.web.forms import add_service_errors, flash_service_errors, parse_date, parse_datetime_local

from . import selectors, services
from .errors import RoomBooked
from .forms import MeetingForm
from .states import MeetingState, Rsvp


def _day(request) -> datetime.date:
    return parse_date(request.GET.get("date")) or timezone.localdate()


@login_required
def calendar(request):
    day = _day(request)
    start, end, dates = selectors.week_bounds(day)
    occ = list(selectors.my_occurrences(user=request.user, company=request.company, start=start, end=end))
    days = [{"date": d, "items": [o for o in occ if timezone.localtime(o.start).date() == d]} for d in dates]
    return render(
        request,
        "meetings/calendar.html",
        {
            "days": days,
            "today": timezone.localdate(),
            "prev": (dates[0] - datetime.timedelta(days=7)).isoformat(),
            "next": (dates[0] + datetime.timedelta(days=7)).isoformat(),
            "range": (dates[0], dates[-1]),
        },
    )


@login_required
def rooms(request):
    view = "day" if request.GET.get("view") == "day" else "week"
    day = _day(request)
    start, end, dates = selectors.week_bounds(day, days=1 if view == "day" else 7)
    step = 1 if view == "day" else 7
    grid = selectors.rooms_grid(company=request.company, start=start, end=end, dates=dates)
    for (
        row
    ) in grid:  # cells as HTML made here: thousands of bookings render in a fraction of the template's time
        row["cells"] = [_cell(items) for items in row["days"]]
    return render(
        request,
        "meetings/rooms.html",
        {
            "grid": grid,
            "dates": dates,
            "view": view,
            "day": day,
            "today": timezone.localdate(),
            "prev": (dates[0] - datetime.timedelta(days=step)).isoformat(),
            "next": (dates[0] + datetime.timedelta(days=step)).isoformat(),
        },
    )


def _cell(items) -> str:
    from django.utils.html import format_html, format_html_join

    if not items:
        return format_html('<span class="small text-success">{}</span>', _("free"))
    rows = []
    for o in items:
        title = o["title"]
        short = title if len(title) <= 14 else title[:13] + "…"
        rows.append((f"{title} · {o.get('organizer', '')}", f"{o['start']:%H:%M}–{o['end']:%H:%M}", short))
    return format_html_join("", '<div class="rh-busy small mb-1" title="{}">{} {}</div>', rows)


@login_required
def people(request):
    """Free/busy of people for a day or a week: the user's department by default, or the users chosen."""
    view = "day" if request.GET.get("view") == "day" else "week"
    day = _day(request)
    start, end, dates = selectors.week_bounds(day, days=1 if view == "day" else 7)
    step = 1 if view == "day" else 7
    everyone = list(user_list(company=request.company))
    chosen_ids = {int(x) for x in request.GET.getlist("users") if x.isdigit()}
    users = [u for u in everyone if u.pk in chosen_ids] or selectors.colleagues(
        user=request.user, company=request.company
    )
    grid = selectors.people_grid(company=request.company, users=users, start=start, end=end, dates=dates)
    for row in grid:
        row["cells"] = [_cell(items) for items in row["days"]]
    return render(
        request,
        "meetings/people.html",
        {
            "grid": grid,
            "dates": dates,
            "view": view,
            "day": day,
            "today": timezone.localdate(),
            "everyone": everyone,
            "chosen": {u.pk for u in users},
            "prev": (dates[0] - datetime.timedelta(days=step)).isoformat(),
            "next": (dates[0] + datetime.timedelta(days=step)).isoformat(),
        },
    )


def _record(request):
    value = request.GET.get("record") or request.POST.get("record") or ""
    label, _sep, pk = value.partition(":")
    if not label or not pk.isdigit():
        return None, ""
    return record_get_for_user(label=label, pk=int(pk), user=request.user, company=request.company), value


@login_required
def meeting_new(request):
    company = request.company
    record, record_value = _record(request)
    initial = {}
    if request.method == "GET":
        room = selectors.room_list(company=company).filter(pk=request.GET.get("room") or 0).first()
        start = request.GET.get("start")
        if start:
            initial["start"] = start
        if room:
            initial["room"] = room
        if record is not None and hasattr(record, "name"):
            initial["title"] = str(record)
    form = MeetingForm(request.POST or None, company=company, user=request.user, initial=initial)
    conflicts, busy = [], {}
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        rrule = services.rule_from(d.get("repeat") or "", count=d.get("count"), until=d.get("until"))
        data = {**d, "rrule": rrule, "record": record}
        try:
            meeting = services.meeting_schedule(company=company, actor=request.user, data=data)
        except RoomBooked as exc:
            conflicts = exc.conflicts
            form.add_error("room", exc.message)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            for w in data.get("warnings", []):
                messages.warning(request, w)
            messages.success(request, _("Meeting booked: the attendees are invited."))
            return redirect(meeting.get_absolute_url())
    if form.is_bound and not form.errors.get("start") and form.cleaned_data.get("users") is not None:
        try:
            slots = services.expand(form.cleaned_data["start"], form.cleaned_data["end"])
            busy = services.busy_attendees(company, [u.pk for u in form.cleaned_data["users"]], slots)
        except (KeyError, ValidationFailed, TypeError):
            busy = {}
    names = {u.pk: str(u) for u in user_list(company=company)}
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "conflicts": conflicts,
            "busy": [(names.get(uid, uid), occs) for uid, occs in busy.items()],
            "record": record,
            "record_value": record_value,
        },
        status=409 if conflicts else (422 if form.errors else 200),
    )


@login_required
def meeting(request, pk):
    m = selectors.meeting_get_for_user(pk=pk, user=request.user, company=request.company)
    attendees = selectors.attendees_of(m)
    mine = next((a for a in attendees if a.user_id == request.user.pk), None)
    upcoming = list(m.occurrences.filter(end__gte=timezone.now())[:10])
    return render(
        request,
        "meetings/meeting.html",
        {
            "m": m,
            "attendees": attendees,
            "mine": mine,
            "answers": [(v, lab) for v, lab in Rsvp.choices if v != Rsvp.NEEDS_ACTION],
            "is_organizer": m.organizer_id == request.user.pk,
            "can_minute": m.organizer_id == request.user.pk or mine is not None,
            "upcoming": upcoming,
            "occurrence_count": m.occurrences.count(),
            "users": user_list(company=request.company),
            "items": list(m.action_items.select_related("owner", "activity")),
            "record": m.record if m.record_id else None,
            "scheduled": m.state == MeetingState.SCHEDULED,
        },
    )


@login_required
@require_POST
def meeting_act(request, pk, action):
    company = request.company
    m = selectors.meeting_get_for_user(pk=pk, user=request.user, company=company)
    try:
        if action in ("accepted", "declined", "tentative"):
            services.rsvp(meeting=m, user=request.user, answer=action)
            messages.success(request, _("Your answer is sent to the organizer."))
        elif action == "cancel":
            services.meeting_cancel(meeting=m, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Meeting cancelled: the attendees are told."))
        elif action == "minutes":
            owners = {u.pk: u for u in user_list(company=company)}
            items = []
            for summary, owner, due in zip(
                request.POST.getlist("item_summary"),
                request.POST.getlist("item_owner"),
                request.POST.getlist("item_due"),
                strict=False,
            ):
                if summary.strip():
                    items.append(
                        {
                            "summary": summary,
                            "owner": owners.get(int(owner)) if owner.isdigit() else None,
                            "due_date": parse_date(due),
                        }
                    )
            made = services.minutes_save(
                meeting=m, actor=request.user, minutes=request.POST.get("minutes", ""), items=items
            )
            messages.success(
                request,
                _("Minutes saved: %(n)s action items are on their owners' to-do lists.") % {"n": len(made)},
            )
        elif action == "reschedule":
            data = {
                "start": parse_datetime_local(request.POST.get("start")),
                "end": parse_datetime_local(request.POST.get("end")),
            }
            services.meeting_reschedule(
                meeting=m, actor=request.user, data={k: v for k, v in data.items() if v}
            )
            messages.success(request, _("Meeting moved: the attendees are told."))
        else:
            raise Http404
    except RoomBooked as exc:
        messages.error(request, str(exc.message))
    except ValidationFailed as exc:
        flash_service_errors(request, exc)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(m.get_absolute_url())


@login_required
def meeting_ics(request, pk):
    m = selectors.meeting_get_for_user(pk=pk, user=request.user, company=request.company)
    response = HttpResponse(services.meeting_ics(m), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{m.pk}.ics"'
    return response


@login_required
def subscribe(request):
    renew = request.method == "POST"
    tok = services.feed_token(user=request.user, company=request.company, renew=renew)
    if renew:
        messages.success(request, _("A new address: the old one no longer works."))
        return redirect("meetings:subscribe")
    url = request.build_absolute_uri(f"/meetings/feed/{tok.token}.ics")
    return render(
        request,
        "meetings/subscribe.html",
        {"url": url, "webcal": url.replace("https://", "webcal://").replace("http://", "webcal://")},
    )


def feed(request, token):
    """The calendar subscription (no login: the secret token is the key)."""
    body = services.feed_ics(token=token)
    if body is None:
        raise Http404
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
