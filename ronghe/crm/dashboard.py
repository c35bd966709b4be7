"""The salesperson's morning view on the home page: follow-ups due or overdue, open opportunities."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ronghe.timeline.models import Activity

from . import selectors
from .models import FollowUp
from .states import OpportunityState


def due_followups(user, company):
    """Open follow-up activities of the user due today or earlier (the next dates of their follow-ups)."""
    ids = FollowUp.objects.filter(company=company, created_by=user, next_activity__isnull=False).values(
        "next_activity_id"
    )
    return Activity.objects.filter(
        pk__in=ids, assignee=user, state="open", due_date__lte=timezone.localdate()
    )


def followups_card(request):
    from django.db.models import Count, Q

    counts = due_followups(request.user, request.company).aggregate(
        due=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=timezone.localdate()))
    )
    overdue = counts["overdue"]
    return {
        "title": _("Follow-ups due"),
        "value": counts["due"],
        "icon": "telephone-outbound",
        "link": "#my-activities",
        "hint": _("%(n)s overdue") % {"n": overdue} if overdue else _("none overdue"),
    }


def pipeline_card(request):
    qs = selectors.opportunity_list(
        user=request.user, company=request.company, state=OpportunityState.OPEN, mine=True
    )
    return {
        "title": _("My open opportunities"),
        "value": qs.count(),
        "icon": "kanban",
        "link": "/crm/pipeline/?scope=mine",
        "hint": _("on the pipeline board"),
    }


def notify_overdue() -> int:
    """Daily job: each salesperson with overdue follow-ups gets one notification listing how many."""
    from ronghe.core.models import Company
    from ronghe.timeline.services import notification_send

    sent = 0
    today = timezone.localdate()
    for company in Company.objects.filter(active=True):
        rows = Activity.objects.filter(
            pk__in=FollowUp.objects.filter(company=company, next_activity__isnull=False).values(
                "next_activity_id"
            ),
            state="open",
            due_date__lt=today,
        ).values_list("assignee_id", flat=True)
        counts: dict[int, int] = {}
        for uid in rows:
            counts[uid] = counts.get(uid, 0) + 1
        from ronghe.core.models import User

        for user in User.objects.filter(pk__in=counts):
            notification_send(
                user=user,
                company_id=company.pk,
                title=_("%(n)s follow-ups are overdue") % {"n": counts[user.pk]},
                link="/",
            )
            sent += 1
    return sent
