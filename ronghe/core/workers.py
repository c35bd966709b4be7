"""Workers that die in the middle of a task. django-tasks-db marks a task RUNNING when a worker claims it and
never looks at it again; a worker killed (SIGKILL, out of memory, machine lost) would leave it RUNNING for
ever. Every `ronghe worker` therefore beats (`beat`, every RONGHE_WORKER_BEAT_SECONDS) and, in the same loop,
hands back to the queue the tasks of workers that have stopped beating for RONGHE_WORKER_DEAD_SECONDS
(`requeue_orphans`). The killed worker's transaction was rolled back by the database, so the task runs again
from the start; tasks are idempotent (DESIGN §2), so its effect happens once. A task that has already been
lost with its worker RONGHE_TASK_MAX_CLAIMS times is marked failed instead (it may be what kills them)."""

import logging
import os
import socket
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WorkerBeat

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    """host-pid-random, at most 64 characters (django-tasks-db's limit)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def beat(worker_id: str, *, now=None) -> None:
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerBeat.objects.bulk_create(
            [
                WorkerBeat(
                    worker_id=worker_id,
                    host=socket.gethostname()[:255],
                    pid=os.getpid(),
                    started_at=now,
                    seen_at=now,
                )
            ],
            ignore_conflicts=True,
        )


def stopped(worker_id: str) -> None:
    """A worker that exits cleanly says so (its tasks have finished)."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def requeue_orphans(*, now=None) -> dict:
    """Hand back the RUNNING tasks whose worker has stopped beating. Returns {"requeued": n, "failed": n}.
    Rows are locked with SKIP LOCKED, so several workers doing this at once each take different tasks."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timezone.timedelta(seconds=settings.RONGHE_WORKER_DEAD_SECONDS)
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    WorkerBeat.objects.filter(seen_at__lt=now - timezone.timedelta(days=1)).delete()  # long gone
    done = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        running = list(
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
            .order_by("started_at")[:500]
        )
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else ""
            if last in alive:
                continue
            if len(result.worker_ids) >= settings.RONGHE_TASK_MAX_CLAIMS:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = "ronghe.core.workers.WorkerLost"
                result.traceback = (
                    f"The worker running this task stopped ({len(result.worker_ids)} times: "
                    f"{', '.join(result.worker_ids)}); not retried again.\n"
                )
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                done["failed"] += 1
                logger.error("task %s (%s) lost its worker too often: failed", result.pk, result.task_path)
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                done["requeued"] += 1
                logger.warning("task %s (%s) lost worker %s: queued again", result.pk, result.task_path, last)
    return done
