"""Two processes book the same room for the same hour at the same moment, on PostgreSQL: exactly one wins."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from ronghe.core.tests.test_sequence_concurrency import _database_url

WORKER = r"""
import datetime, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "ronghe.config.settings"
import django
django.setup()
from ronghe.core.models import User
from ronghe.meetings import services
from ronghe.meetings.errors import RoomBooked
from ronghe.meetings.models import Room

user = User.objects.get(username=sys.argv[1])
room = Room.objects.get(pk=int(sys.argv[2]))
start = datetime.datetime.fromisoformat(sys.argv[3])
start_at = float(sys.argv[4])
while time.time() < start_at:
    time.sleep(0.002)
ok = refused = 0
for i in range(20):
    s = start + datetime.timedelta(hours=i)
    try:
        services.meeting_schedule(company=room.company, actor=user, data={"title": f"{sys.argv[1]}-{i}", "start": s, "end": s + datetime.timedelta(hours=1), "room": room})
        ok += 1
    except RoomBooked:
        refused += 1
print(ok, refused)
"""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_processes_booking_the_same_room_and_hour_one_wins(demo_company, users):
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a shared server database")
    from ronghe.meetings.models import Occurrence, Room

    room = Room.objects.create(company=demo_company, name="抢订会议室", capacity=10)
    start = datetime.datetime(2030, 1, 7, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    env = dict(os.environ, DATABASE_URL=_database_url())
    start_at = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, who, str(room.pk), start.isoformat(), start_at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("lina", "wangfang")
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(tuple(int(x) for x in out.split()))
    assert sum(ok for ok, _r in results) == 20 and sum(r for _ok, r in results) == 20  # each hour booked once
    occ = list(Occurrence.objects.filter(room=room).order_by("start"))
    assert len(occ) == 20
    assert all(a.end <= b.start for a, b in zip(occ, occ[1:], strict=False))  # no overlap
