"""A task left RUNNING by a worker that stopped beating goes back to the queue; by one still alive, it stays."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ronghe.core import workers
from ronghe.core.models import WorkerBeat
from ronghe.core.tasks import scheduled_job_task

pytestmark = pytest.mark.django_db


def running(worker_ids, started):
    result = scheduled_job_task.enqueue(name="nothing")
    row = DBTaskResult.objects.get(pk=result.id)
    row.status, row.worker_ids, row.started_at = TaskResultStatus.RUNNING, worker_ids, started
    row.save()
    return row


@override_settings(RONGHE_WORKER_DEAD_SECONDS=60, RONGHE_TASK_MAX_CLAIMS=3)
def test_orphans_of_silent_workers_are_queued_again_and_given_up_after_three_workers():
    now = timezone.now()
    workers.beat("alive", now=now - datetime.timedelta(seconds=5))
    workers.beat("dead", now=now - datetime.timedelta(seconds=300))
    long_ago = now - datetime.timedelta(minutes=10)
    of_alive = running(["alive"], long_ago)
    of_dead = running(["dead"], long_ago)
    of_unknown = running(["never-beat"], long_ago)
    just_claimed = running(["dead"], now - datetime.timedelta(seconds=2))  # started after the cutoff
    cursed = running(["a", "b", "dead"], long_ago)

    assert workers.requeue_orphans(now=now) == {"requeued": 2, "failed": 1}
    states = {r.pk: r.status for r in DBTaskResult.objects.all()}
    assert states[of_alive.pk] == TaskResultStatus.RUNNING
    assert states[just_claimed.pk] == TaskResultStatus.RUNNING
    assert states[of_dead.pk] == states[of_unknown.pk] == TaskResultStatus.READY
    assert states[cursed.pk] == TaskResultStatus.FAILED
    assert "stopped (3 times" in DBTaskResult.objects.get(pk=cursed.pk).traceback
    # the queued-again task is ready now and keeps the history of its workers
    ready = DBTaskResult.objects.ready().get(pk=of_dead.pk)
    assert ready.worker_ids == ["dead"] and ready.started_at is None
    assert workers.requeue_orphans(now=now) == {"requeued": 0, "failed": 0}  # nothing twice


def test_beat_updates_one_row_and_a_clean_exit_removes_it():
    workers.beat("w1")
    first = WorkerBeat.objects.get(worker_id="w1").seen_at
    workers.beat("w1", now=first + datetime.timedelta(seconds=10))
    assert WorkerBeat.objects.filter(worker_id="w1").count() == 1
    assert WorkerBeat.objects.get(worker_id="w1").seen_at == first + datetime.timedelta(seconds=10)
    workers.stopped("w1")
    assert not WorkerBeat.objects.filter(worker_id="w1").exists()
    assert len(workers.new_worker_id()) <= 64
