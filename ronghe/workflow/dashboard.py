from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import inbox_counts


def todo_card(request):
    counts = inbox_counts(user=request.user, company=request.company)
    return {
        "title": _("Waiting for my approval"),
        "value": counts["todo"],
        "icon": "patch-check",
        "link": reverse("workflow:inbox"),
        "hint": _("%(n)d of mine in progress") % {"n": counts["mine_open"]},
    }


def todo_badge(request) -> int:
    from .models import ApprovalTask
    from .states import TaskState

    return ApprovalTask.objects.filter(
        company=request.company, assignee=request.user, state=TaskState.PENDING
    ).count()
