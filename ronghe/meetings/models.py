"""Meeting rooms, meetings (one-off or recurring, RRULE) with attendees and their answers, the occurrences a
recurrence expands to (what room conflicts are checked against), minutes with action items, and each
user's calendar feed token."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import MeetingState, Rsvp


class Room(CompanyOwned):
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=8)
    equipment = models.CharField(
        _("equipment"), max_length=200, blank=True, help_text=_("e.g. 投影仪, 视频会议")
    )
    location = models.CharField(_("location"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="meet_room_unique")]

    def __str__(self):
        return self.name


class Meeting(HasTimeline, CompanyOwned):
    title = models.CharField(_("title"), max_length=200)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("room")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    rrule = models.CharField(_("repeats"), max_length=200, blank=True)  # RFC 5545, e.g. FREQ=WEEKLY;COUNT=8
    agenda = models.TextField(_("agenda"), blank=True)  # sanitized HTML
    state = models.CharField(
        _("state"), max_length=10, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    minutes = models.TextField(_("minutes"), blank=True)  # 纪要, sanitized HTML
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uid = models.CharField(max_length=100, unique=True)  # iCalendar UID
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE: bumped when it changes
    record_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")

    timeline_tracked = ("title", "room", "start", "end", "state")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="meet_end_after_start")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from .selectors import meeting_get_for_user

        return meeting_get_for_user(pk=pk, user=user, company=company)


class Occurrence(models.Model):
    """One time a meeting takes place (a one-off meeting has one); the room is booked by these rows."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="occurrences")
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, null=True, blank=True, related_name="occurrences"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["room", "start"], name="meet_occ_room"),
            models.Index(fields=["company", "start"], name="meet_occ_start"),
        ]


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    rsvp = models.CharField(_("answer"), max_length=10, choices=Rsvp.choices, default=Rsvp.NEEDS_ACTION)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="meet_att_user"
            ),
            models.UniqueConstraint(
                fields=["meeting", "partner"], condition=Q(partner__isnull=False), name="meet_att_partner"
            ),
        ]

    def __str__(self):
        return self.name


class ActionItem(models.Model):
    """A to-do decided in the minutes: an activity for its owner, on the related record or the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    summary = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    activity = models.ForeignKey(
        "timeline.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "pk"]


class CalendarToken(models.Model):
    """The secret of a user's calendar subscription URL (iCalendar feed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(auto_now=True)
