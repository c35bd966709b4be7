import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

log = logging.getLogger("ronghe.worker")


def _scheduler_loop(stop: threading.Event, every: float = 30.0) -> None:
    """Enqueue the recurring jobs that are due (core.scheduler), twice a minute, beside the task loop."""
    from django.db import connections

    from ronghe.core.scheduler import run_due

    while not stop.is_set():
        try:
            run_due()
        except Exception:  # noqa: BLE001 — a failing check is retried at the next tick
            log.exception("scheduling recurring jobs failed")
        finally:
            connections.close_all()
        stop.wait(every)


def _beat_loop(stop: threading.Event, worker_id: str) -> None:
    """Say this worker is alive, and hand back the tasks of workers that are not (core.workers)."""
    from django.db import connections

    from ronghe.core import workers

    next_scan = 0.0
    while not stop.is_set():
        try:
            workers.beat(worker_id)
            # orphans can only appear once a worker has been silent for the dead time: looking at the task table
            # twice per dead time is enough (not at every beat)
            if time.monotonic() >= next_scan:
                workers.requeue_orphans()
                next_scan = time.monotonic() + settings.RONGHE_WORKER_DEAD_SECONDS / 2
        except Exception:  # noqa: BLE001 — retried at the next beat
            log.exception("worker heartbeat failed")
        finally:
            connections.close_all()
        stop.wait(settings.RONGHE_WORKER_BEAT_SECONDS)


class Command(BaseCommand):
    help = (
        "Run the background task worker (django-tasks database backend) and the recurring jobs. "
        "Run several for scale-out: a task whose worker dies is run again by another."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Process what is queued, then exit")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--no-scheduler", action="store_true", help="Do not enqueue recurring jobs")

    def handle(self, *args, batch, interval, no_scheduler=False, **options):
        from ronghe.core import workers

        worker_id = workers.new_worker_id()
        stop = threading.Event()
        workers.beat(worker_id)  # before the first claim, so no other worker takes this one for dead
        if batch:
            workers.requeue_orphans()
        else:
            threading.Thread(target=_beat_loop, args=(stop, worker_id), daemon=True, name="beat").start()
        if not no_scheduler:
            if batch:
                from ronghe.core.scheduler import run_due

                run_due()
            else:
                threading.Thread(target=_scheduler_loop, args=(stop,), daemon=True, name="scheduler").start()
        try:
            call_command(
                "db_worker",
                batch=batch,
                interval=interval,
                queue_name="*",
                worker_id=worker_id,
                no_startup_delay=batch,
                verbosity=options.get("verbosity", 1),
            )
        finally:
            stop.set()
            time.sleep(0)
            workers.stopped(worker_id)
