"""Background tasks of core. Thin, idempotent wrappers (DESIGN §2)."""

from django.utils.module_loading import import_string
from django_tasks import task

from . import context


@task()
def event_dispatch_task(*, handler_path: str, payload: dict) -> None:
    """Run one after-commit event handler. Handlers must be idempotent: a retried task runs them again."""
    from .events import event_from_payload

    handler = import_string(handler_path)
    with context.acting(via="task"):
        handler(event_from_payload(payload))


@task()
def scheduled_job_task(*, name: str) -> None:
    """Run one recurring job (core.scheduler)."""
    from .scheduler import jobs

    job = jobs.get(name)
    if job is None:
        return
    with context.acting(via="task"):
        import_string(job.path)()
