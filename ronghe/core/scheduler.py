"""Recurring jobs without an extra server: modules `schedule()` an importable function with an interval; every
`ronghe worker` checks twice a minute which are due and enqueues them as ordinary database tasks. The job's
row is locked (SKIP LOCKED) while one worker decides, so with several workers a job is enqueued once per
interval. Jobs must be idempotent (a retried task runs them again)."""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    path: str  # "module.function", called without arguments


jobs: dict[str, Job] = {}


def schedule(name: str, *, every: datetime.timedelta, path: str) -> None:
    jobs[name] = Job(name, every, path)


def run_due(now=None) -> list[str]:
    """Enqueue the jobs whose interval is up; returns their names."""
    from .models import ScheduledJob
    from .tasks import scheduled_job_task

    now = now or timezone.now()
    enqueued = []
    for job in list(jobs.values()):
        ScheduledJob.objects.bulk_create([ScheduledJob(name=job.name)], ignore_conflicts=True)
        with transaction.atomic():
            row = ScheduledJob.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
            if row is None:  # another worker is deciding
                continue
            if row.last_run_at is not None and row.last_run_at > now - job.every:
                continue
            row.last_run_at = now
            row.save(update_fields=["last_run_at"])
            scheduled_job_task.enqueue(name=job.name)
            enqueued.append(job.name)
    return enqueued
