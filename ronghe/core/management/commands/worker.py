import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


def _scheduler_loop(stop: threading.Event, every: float = 30.0) -> None:
    """Enqueue the recurring jobs that are due (core.scheduler), twice a minute, beside the task loop."""
    import logging

    from django.db import connections

    from ronghe.core.scheduler import run_due

    log = logging.getLogger("ronghe.scheduler")
    while not stop.is_set():
        try:
            run_due()
        except Exception:  # noqa: BLE001 — a failing check is retried at the next tick
            log.exception("scheduling recurring jobs failed")
        finally:
            connections.close_all()
        stop.wait(every)


class Command(BaseCommand):
    help = (
        "Run the background task worker (django-tasks database backend) and the recurring jobs. "
        "Run several for scale-out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Process what is queued, then exit")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--no-scheduler", action="store_true", help="Do not enqueue recurring jobs")

    def handle(self, *args, batch, interval, no_scheduler=False, **options):
        stop = threading.Event()
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
                no_startup_delay=batch,
                verbosity=options.get("verbosity", 1),
            )
        finally:
            stop.set()
            time.sleep(0)
