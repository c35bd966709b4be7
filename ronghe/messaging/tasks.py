"""Background jobs of messaging: thin, idempotent."""

from django_tasks import task

from ronghe.core.context import acting


@task()
def email_send_task(*, email_id: int) -> str:
    """Deliver one queued e-mail; retries re-enqueue it with a later run_after (services.email_deliver)."""
    from .services import email_deliver

    with acting(via="task"):
        return email_deliver(email_id=email_id)
