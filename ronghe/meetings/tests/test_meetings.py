"""Meetings: booking with conflict detection (one-off and recurring), recurrence expansion, RSVP, minutes
whose action items become activities on the related record, reminders, the .ics of a meeting and the
calendar feed (round trip through the icalendar library), pages in Chinese."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from ronghe.core.errors import ValidationFailed
from ronghe.meetings import selectors, services
from ronghe.meetings.errors import RoomBooked
from ronghe.meetings.models import Meeting, Room
from ronghe.timeline.models import Activity, Notification

pytestmark = pytest.mark.django_db
TZ = timezone.get_fixed_timezone(8 * 60)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


@pytest.fixture
def room(demo_company):
    return Room.objects.create(company=demo_company, name="测试会议室", capacity=6)


def far_monday():
    d = timezone.localdate() + datetime.timedelta(days=60)
    return d - datetime.timedelta(days=d.weekday())


def test_recurrence_expands_in_local_time_and_rules_are_checked():
    monday = far_monday()
    slots = services.expand(at(monday, 9), at(monday, 10), "FREQ=WEEKLY;COUNT=4")
    assert [timezone.localtime(s).strftime("%m-%d %H:%M") for s, _e in slots] == [
        (monday + datetime.timedelta(weeks=i)).strftime("%m-%d") + " 09:00" for i in range(4)
    ]
    assert all(e - s == datetime.timedelta(hours=1) for s, e in slots)
    assert (
        len(services.expand(at(monday, 9), at(monday, 10), "FREQ=DAILY")) == services.MAX_OCCURRENCES
    )  # bounded
    until = monday + datetime.timedelta(days=13)
    rule = services.rule_from("DAILY", until=until)
    assert len(services.expand(at(monday, 9), at(monday, 10), rule)) == 14
    assert services.rule_from("WEEKLY", count=3, interval=2) == "FREQ=WEEKLY;INTERVAL=2;COUNT=3"
    with pytest.raises(ValidationFailed):
        services.expand(at(monday, 9), at(monday, 10), "FREQ=SOMETIMES")


def test_booking_refuses_overlaps_including_recurring_ones(demo_company, users, room):
    co, lina, wf = demo_company, users["lina"], users["wangfang"]
    monday = far_monday()
    weekly = services.meeting_schedule(
        company=co,
        actor=lina,
        data={
            "title": "周会",
            "start": at(monday, 9),
            "end": at(monday, 10),
            "room": room,
            "rrule": "FREQ=WEEKLY;COUNT=8",
            "users": [wf],
        },
    )
    assert weekly.occurrences.count() == 8
    third_monday = monday + datetime.timedelta(weeks=2)
    with pytest.raises(RoomBooked) as e:  # overlaps the 3rd occurrence
        services.meeting_schedule(
            company=co,
            actor=wf,
            data={
                "title": "客户来访",
                "start": at(third_monday, 9, 30),
                "end": at(third_monday, 11),
                "room": room,
            },
        )
    assert e.value.conflicts[0].meeting == weekly and "周会" in str(e.value.message)
    # back to back is fine; another room is fine; after the series ends is fine
    ok = services.meeting_schedule(
        company=co,
        actor=wf,
        data={"title": "紧接着", "start": at(third_monday, 10), "end": at(third_monday, 11), "room": room},
    )
    later = monday + datetime.timedelta(weeks=9)
    services.meeting_schedule(
        company=co,
        actor=wf,
        data={"title": "系列之后", "start": at(later, 9), "end": at(later, 10), "room": room},
    )
    # moving a meeting is checked too, and a cancelled meeting frees the room
    with pytest.raises(RoomBooked):
        services.meeting_reschedule(
            meeting=ok, actor=wf, data={"start": at(third_monday, 9), "end": at(third_monday, 10)}
        )
    services.meeting_cancel(meeting=weekly, actor=lina, reason="改为线上")
    services.meeting_reschedule(
        meeting=ok, actor=wf, data={"start": at(third_monday, 9), "end": at(third_monday, 10)}
    )
    assert Notification.objects.filter(user=wf, title__contains="周会").exists()
    with pytest.raises(ValidationFailed):
        services.meeting_schedule(
            company=co, actor=wf, data={"title": "x", "start": at(later, 10), "end": at(later, 9)}
        )


def test_rsvp_minutes_action_items_and_reminders(demo_company, users, room):
    from ronghe.partners.models import Partner

    co, lina, wf, ly = demo_company, users["lina"], users["wangfang"], users["liuyang"]
    customer = Partner.objects.filter(company=co, owner=wf, is_customer=True, parent=None).first()
    soon = timezone.now() + datetime.timedelta(minutes=10)
    m = services.meeting_schedule(
        company=co,
        actor=wf,
        data={
            "title": "方案评审",
            "start": soon,
            "end": soon + datetime.timedelta(hours=1),
            "room": room,
            "users": [lina, ly],
            "record": customer,
        },
    )
    assert Notification.objects.filter(user=lina, title__contains="方案评审").exists()  # invited in-app
    services.rsvp(meeting=m, user=lina, answer="accepted")
    services.rsvp(meeting=m, user=ly, answer="declined")
    assert Notification.objects.filter(user=wf, title__contains="李娜").exists()
    assert services.remind_due() == 2  # 王芳 and 李娜; 刘洋 declined
    assert services.remind_due() == 0  # once
    items = services.minutes_save(
        meeting=m,
        actor=lina,
        minutes="<p>确认方案 B</p>",
        items=[
            {
                "summary": "发送修订报价",
                "owner": wf,
                "due_date": timezone.localdate() + datetime.timedelta(days=2),
            }
        ],
    )
    act = items[0].activity
    assert act.assignee == wf and act.record == customer and "发送修订报价" in act.summary  # on the customer
    assert Activity.objects.filter(
        object_id=customer.pk, assignee=wf, summary__contains="发送修订报价"
    ).exists()
    with pytest.raises(ValidationFailed):
        services.minutes_save(
            meeting=m,
            actor=lina,
            minutes="x",
            items=[{"summary": "无人负责", "owner": None, "due_date": None}],
        )


def test_ics_and_calendar_feed_round_trip(demo_company, users, room, client):
    co, lina, wf = demo_company, users["lina"], users["wangfang"]
    wf.email = "wangfang@example.cn"
    wf.save(update_fields=["email"])
    monday = far_monday()
    m = services.meeting_schedule(
        company=co,
        actor=lina,
        data={
            "title": "周例会",
            "start": at(monday, 9),
            "end": at(monday, 10),
            "room": room,
            "rrule": "FREQ=WEEKLY;COUNT=5",
            "users": [wf],
        },
    )
    services.rsvp(meeting=m, user=wf, answer="tentative")
    cal = Calendar.from_ical(services.meeting_ics(m))
    (ev,) = cal.walk("VEVENT")
    assert str(ev["uid"]) == m.uid and str(ev["summary"]) == "周例会"
    assert (
        ev.decoded("dtstart") == m.start and ev["rrule"]["FREQ"] == ["WEEKLY"] and ev["rrule"]["COUNT"] == [5]
    )
    att = [a for a in ev.get("attendee") if "wangfang@example.cn" in str(a)]
    assert att and att[0].params["PARTSTAT"] == "TENTATIVE"
    tok = services.feed_token(user=wf, company=co)
    r = client.get(f"/meetings/feed/{tok.token}.ics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(r.content)
    assert m.uid in [str(e["uid"]) for e in feed.walk("VEVENT")]
    assert client.get("/meetings/feed/not-a-token.ics").status_code == 404
    old = tok.token
    services.feed_token(user=wf, company=co, renew=True)
    assert client.get(f"/meetings/feed/{old}.ics").status_code == 404


def test_meeting_pages_in_chinese(demo_company, users, room, client):
    client.force_login(users["wangfang"])
    monday = far_monday()
    day = monday + datetime.timedelta(days=1)
    form = {
        "title": "页面预约",
        "start": f"{day}T14:00",
        "end": f"{day}T15:00",
        "room": room.pk,
        "users": [users["lina"].pk],
    }
    r = client.post("/meetings/new/", form)
    assert r.status_code == 302
    r = client.post("/meetings/new/", {**form, "title": "撞车了"})
    page = r.content.decode()
    assert r.status_code == 409 and "会议室已被占用" in page and "页面预约" in page  # the conflict warning
    m = Meeting.objects.get(title="页面预约")
    assert "页面预约" in client.get(f"/meetings/?date={day}").content.decode()
    grid = client.get(f"/meetings/rooms/?view=day&date={day}").content.decode()
    assert "测试会议室" in grid and "页面预约" in grid
    assert client.get(m.get_absolute_url()).status_code == 200
    client.force_login(users["sunli"])  # not invited
    assert client.get(m.get_absolute_url()).status_code == 404
    client.force_login(users["lina"])
    assert client.post(f"/meetings/{m.pk}/accepted/").status_code == 302
    assert selectors.attendees_of(m)[1].rsvp == "accepted"


def test_meetings_over_the_api(demo_company, users, room, client):
    from ronghe.core.services import api_token_create

    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=users['wangfang'], name='t')[1]}"}
    day = far_monday() + datetime.timedelta(days=2)
    body = {
        "title": "API 会议",
        "start": at(day, 9).isoformat(),
        "end": at(day, 10).isoformat(),
        "room_id": room.pk,
        "user_ids": [users["lina"].pk],
    }
    r = client.post("/api/v1/meetings/", body, content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    mid = r.json()["id"]
    r = client.post("/api/v1/meetings/", {**body, "title": "冲突"}, content_type="application/json", **auth)
    assert (
        r.status_code == 409
        and r.json()["code"] == "meetings.room_booked"
        and r.json()["conflicts"][0]["meeting_id"] == mid
    )
    grid = client.get(f"/api/v1/meetings/rooms/bookings?date_from={day}&date_to={day}", **auth).json()
    assert any(b["meeting_id"] == mid for b in grid)
    lina = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=users['lina'], name='t')[1]}"}
    assert (
        client.post(
            f"/api/v1/meetings/{mid}/rsvp", {"answer": "accepted"}, content_type="application/json", **lina
        ).json()["rsvp"]
        == "accepted"
    )
    assert b"BEGIN:VCALENDAR" in client.get(f"/api/v1/meetings/{mid}/ics", **lina).content
    sunli = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=users['sunli'], name='t')[1]}"}
    assert client.get(f"/api/v1/meetings/{mid}", **sunli).status_code == 404


def test_people_free_busy_shows_meetings_they_accepted_not_declined(demo_company, users, room, client):
    co, lina, wf, ly = demo_company, users["lina"], users["wangfang"], users["liuyang"]
    day = far_monday() + datetime.timedelta(days=3)
    m = services.meeting_schedule(
        company=co,
        actor=lina,
        data={
            "title": "客户复盘会",
            "start": at(day, 16),
            "end": at(day, 17),
            "room": room,
            "users": [wf, ly],
        },
    )
    services.rsvp(meeting=m, user=ly, answer="declined")
    start, end, dates = selectors.week_bounds(day, days=1)
    grid = {
        row["user"].username: row["days"][0]
        for row in selectors.people_grid(company=co, users=[lina, wf, ly], start=start, end=end, dates=dates)
    }
    assert [o["title"] for o in grid["lina"]] == ["客户复盘会"] and [
        o["title"] for o in grid["wangfang"]
    ] == ["客户复盘会"]
    assert grid["liuyang"] == []
    client.force_login(wf)
    page = client.get(f"/meetings/people/?view=day&date={day}&users={lina.pk}&users={ly.pk}").content.decode()
    assert "客户复盘会" in page and "李娜" in page and "刘洋" in page


def test_a_meeting_about_a_customer_from_its_page(demo_company, users, room, client):
    from ronghe.partners.models import Partner

    wf = users["wangfang"]
    customer = Partner.objects.filter(company=demo_company, owner=wf, is_customer=True, parent=None).first()
    client.force_login(wf)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert f"/meetings/new/?record=partners.partner:{customer.pk}" in page
    day = far_monday() + datetime.timedelta(days=4)
    r = client.post(
        f"/meetings/new/?record=partners.partner:{customer.pk}",
        {
            "title": "上门演示",
            "start": f"{day}T10:00",
            "end": f"{day}T11:00",
            "record": f"partners.partner:{customer.pk}",
        },
    )
    assert r.status_code == 302
    m = Meeting.objects.get(title="上门演示")
    assert m.record == customer
    assert "上门演示" in client.get(customer.get_absolute_url()).content.decode()
