"""Meetings about a customer on its page, with "New meeting" already tied to it (web.registry.RecordPanel)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import meetings_for_record


def partner_meetings(request, partner):
    from django.db.models import Q

    meetings = list(
        meetings_for_record(partner)
        .filter(Q(organizer=request.user) | Q(attendees__user=request.user))
        .select_related("room")
        .distinct()[:10]
    )
    return {
        "title": _("Meetings"),
        "columns": [_("Title"), _("Start"), _("Room"), _("State")],
        "numeric": [],
        "rows": [
            [
                m.title,
                f"{timezone.localtime(m.start):%Y-%m-%d %H:%M}",
                m.room or m.location or "—",
                m.get_state_display(),
            ]
            for m in meetings
        ],
        "urls": [m.get_absolute_url() for m in meetings],
        "empty": _("No meetings with this customer yet."),
        "action": {"label": _("New meeting"), "url": f"/meetings/new/?record=partners.partner:{partner.pk}"},
    }
