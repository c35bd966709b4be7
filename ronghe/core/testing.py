"""Helpers for tests of every app."""


def run_queued_tasks(max_tasks: int = 1000) -> int:
    """Run the database task queue to empty on the current connection, the way `ronghe worker` would.

    (`db_worker` itself closes connections between tasks, which would end a test's transaction.)
    Returns how many tasks ran; a failing task is marked failed, exactly as the worker does.
    """
    from django_tasks_db.models import DBTaskResult

    from ronghe.core.context import acting

    ran = 0
    while ran < max_tasks:
        row = DBTaskResult.objects.ready().order_by("priority", "enqueued_at").first()
        if row is None:
            break
        row.claim("test-worker")
        result = row.task_result
        try:
            with acting(via="task"):
                value = row.task.call(*result.args, **result.kwargs)
            row.set_successful(value)
        except Exception as exc:  # noqa: BLE001 - recorded on the task like the worker does
            row.set_failed(exc)
        ran += 1
    return ran
