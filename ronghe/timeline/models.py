"""The timeline of any record: messages, followers, activities, attachments, field history; notifications.

A model opts in with one line — inherit `HasTimeline` — and lists `timeline_tracked` fields whose changes
are written as history messages.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordRef(models.Model):
    company = models.ForeignKey("core.Company", on_delete=models.CASCADE, verbose_name=_("company"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True
        indexes = []


class MessageKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    NOTE = "note", _("Internal note")
    SYSTEM = "system", _("System")
    EMAIL = "email", _("E-mail")
    TRACKING = "tracking", _("Change")


class Message(RecordRef):
    kind = models.CharField(
        _("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.COMMENT
    )
    body = models.TextField(_("message"), blank=True)  # sanitized HTML
    tracking = models.JSONField(_("changes"), default=list, blank=True)  # [{"field", "old", "new"}]
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentions")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    audit_exclude = True  # the timeline is itself a history

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="tl_msg_record")]


class Follower(RecordRef):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )

    audit_exclude = True

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="tl_follower_unique")
        ]


class ActivityType(models.TextChoices):
    TODO = "todo", _("To-do")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")


class ActivityState(models.TextChoices):
    OPEN = "open", _("Open")  # waiting for its assignee
    DONE = "done", _("Done")  # finished, with the time and who did it
    CANCELLED = "cancelled", _("Cancelled")  # dropped without being done


class Activity(RecordRef):
    type = models.CharField(_("type"), max_length=10, choices=ActivityType.choices, default=ActivityType.TODO)
    summary = models.CharField(_("summary"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    due_date = models.DateField(_("due date"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("assigned to"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ActivityState.choices, default=ActivityState.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="tl_act_record"),
            models.Index(fields=["assignee", "state", "due_date"], name="tl_act_assignee"),
        ]

    def __str__(self):
        return self.summary

    @property
    def is_overdue(self) -> bool:
        return self.state == ActivityState.OPEN and self.due_date < timezone.localdate()


def attachment_path(instance, filename):
    now = timezone.now()
    return f"attachments/{instance.company_id}/{now:%Y/%m}/{filename}"


class Attachment(RecordRef):
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    mime = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="tl_att_record")]

    def __str__(self):
        return self.name


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    company = models.ForeignKey("core.Company", on_delete=models.CASCADE, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    audit_exclude = True

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="tl_notif_unread")]


class HasTimeline(models.Model):
    """Mixin: gives a company-owned model a timeline. Deleting the record deletes its timeline."""

    timeline_tracked: tuple[str, ...] = ()

    timeline_messages = GenericRelation(Message)
    timeline_activities = GenericRelation(Activity)
    timeline_attachments = GenericRelation(Attachment)
    timeline_followers = GenericRelation(Follower)

    class Meta:
        abstract = True

    def get_absolute_url(self):  # pragma: no cover - models override
        return ""
