"""Integrity checks of the approval engine (ronghe check-integrity)."""

from .models import ApprovalRequest, ApprovalTask
from .states import REQUEST_FINAL, RequestState, TaskState


def check_requests() -> list[str]:
    problems = []
    finished = ApprovalRequest.objects.filter(state__in=REQUEST_FINAL)
    for t in ApprovalTask.objects.filter(
        request__in=finished, state__in=[TaskState.WAITING, TaskState.PENDING]
    ):
        problems.append(f"request {t.request_id} is {t.request.state} but task {t.pk} is still {t.state}")
    for r in ApprovalRequest.objects.filter(state=RequestState.SUBMITTED):
        if not r.tasks.filter(state__in=[TaskState.WAITING, TaskState.PENDING]).exists():
            problems.append(f"request {r.pk} is in approval but nobody has a task on it")
    return problems
