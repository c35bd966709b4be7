"""Demo rooms and meetings: three rooms, a weekly sales meeting, a customer visit tied to a customer — all
idempotent, placed in the coming days so the calendar shows them."""

import datetime

from django.db import transaction
from django.utils import timezone

from ronghe.core.models import User

from . import services
from .models import Room


@transaction.atomic
def load(company, stdout=None):
    if Room.objects.filter(company=company).exists():
        return company
    rooms = [
        Room.objects.create(
            company=company, name="大会议室", capacity=20, equipment="投影仪, 视频会议", location="3 楼 301"
        ),
        Room.objects.create(
            company=company, name="小会议室 A", capacity=6, equipment="白板", location="3 楼 305"
        ),
        Room.objects.create(
            company=company, name="洽谈室", capacity=4, equipment="电视", location="1 楼大堂旁"
        ),
    ]
    u = {
        x.username: x
        for x in User.objects.filter(username__in=["zhangwei", "lina", "wangfang", "liuyang", "sunli"])
    }
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())

    def at(day, hour, minute=0):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)), tz)

    services.meeting_schedule(
        company=company,
        actor=u["lina"],
        data={
            "title": "销售周例会",
            "start": at(monday, 9, 30),
            "end": at(monday, 10, 30),
            "room": rooms[0],
            "rrule": "FREQ=WEEKLY;COUNT=12",
            "agenda": "<p>上周回款、本周重点商机、需要支持的事项</p>",
            "users": [u["wangfang"], u["liuyang"], u["zhangwei"]],
        },
    )
    from django.apps import apps

    customer = (
        apps.get_model("partners", "Partner")
        .objects.filter(company=company, is_customer=True, parent=None, owner=u["wangfang"])
        .first()
    )
    services.meeting_schedule(
        company=company,
        actor=u["wangfang"],
        data={
            "title": "天丰框架协议面谈",
            "start": at(today + datetime.timedelta(days=1), 10),
            "end": at(today + datetime.timedelta(days=1), 11, 30),
            "room": rooms[2],
            "users": [u["lina"]],
            "record": customer,
        },
    )
    services.meeting_schedule(
        company=company,
        actor=u["zhangwei"],
        data={
            "title": "月度经营分析会",
            "start": at(today + datetime.timedelta(days=2), 14),
            "end": at(today + datetime.timedelta(days=2), 16),
            "room": rooms[0],
            "users": [u["lina"], u["sunli"]],
        },
    )
    return company
