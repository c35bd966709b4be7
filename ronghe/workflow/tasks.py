"""Background jobs of the approval engine: thin, idempotent."""

from django.core.mail import send_mail
from django_tasks import task

from ronghe.core.context import acting


@task()
def approval_deadline_task(*, task_id: int) -> dict:
    """Runs at a task's deadline (and again at its escalation time): remind / escalate if still pending."""
    from .services import deadlines_process

    with acting(via="task"):
        return deadlines_process(task_ids=[task_id])


@task()
def approval_email_task(*, user_id: int, subject: str, body: str, link: str) -> None:
    from django.conf import settings

    from ronghe.core.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    base = getattr(settings, "RONGHE_BASE_URL", "")
    send_mail(subject, f"{body}\n\n{base}{link}", None, [user.email])
