"""The approval engine: flows (versioned), requests, steps, tasks, the decision log, delegations.

A flow version's `spec` is plain JSON (see `spec.py`); a request keeps the version it was submitted under.
Any model can be approved: the request points at it through a generic relation.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import REQUEST_FINAL, RequestState, StepState, TaskState


class Flow(CompanyOwned):
    """One approval flow of a company for one approvable type (e.g. "oaforms:leave", "purchasing.order")."""

    approvable_type = models.CharField(_("document type"), max_length=100)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)
    current_version = models.ForeignKey(
        "workflow.FlowVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )

    class Meta:
        verbose_name = _("approval flow")
        verbose_name_plural = _("approval flows")
        ordering = ["approvable_type"]
        constraints = [
            models.UniqueConstraint(fields=["company", "approvable_type"], name="workflow_flow_unique_type")
        ]

    def __str__(self):
        return self.name


class FlowVersion(models.Model):
    """An immutable version of a flow. Editing a flow creates the next version."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="versions", verbose_name=_("flow"))
    number = models.PositiveIntegerField(_("version"))
    spec = models.JSONField(_("definition"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("flow version")
        verbose_name_plural = _("flow versions")
        ordering = ["flow", "-number"]
        constraints = [models.UniqueConstraint(fields=["flow", "number"], name="workflow_version_unique")]

    def __str__(self):
        return f"{self.flow} v{self.number}"


class ApprovalRequest(HasTimeline, CompanyOwned):
    number = models.CharField(_("number"), max_length=30)
    flow_version = models.ForeignKey(
        FlowVersion, on_delete=models.PROTECT, related_name="requests", verbose_name=_("flow version")
    )
    approvable_type = models.CharField(_("document type"), max_length=100)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approval_requests",
        verbose_name=_("initiator"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=RequestState.choices, default=RequestState.SUBMITTED
    )
    values = models.JSONField(_("values at submission"), default=dict, blank=True)
    branch = models.CharField(_("branch"), max_length=100, blank=True)
    round = models.PositiveIntegerField(_("round"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    scope_owner_field = "initiator"
    timeline_tracked = ("state",)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "number"], name="workflow_request_unique_number")
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="workflow_request_target"),
            models.Index(fields=["company", "initiator", "state"], name="workflow_request_initiator"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("workflow:request-detail", args=[self.pk])

    @classmethod
    def timeline_get_for_user(cls, *, pk, user, company):
        from .selectors import request_get_for_user

        return request_get_for_user(pk=pk, user=user, company=company)

    @property
    def is_finished(self) -> bool:
        return self.state in REQUEST_FINAL


class ApprovalStep(models.Model):
    """One node of the chosen branch, instantiated for one round of the request."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveIntegerField(default=1)
    index = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(max_length=10)  # "approve" | "cc"
    mode = models.CharField(max_length=12)  # "sequential" | "all" | "any"
    state = models.CharField(_("state"), max_length=10, choices=StepState.choices, default=StepState.WAITING)
    node = models.JSONField(default=dict)  # the spec node it came from (deadlines, escalation)
    activated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = True  # the request's log and the tasks tell the story

    class Meta:
        ordering = ["request", "round", "index"]
        constraints = [
            models.UniqueConstraint(fields=["request", "round", "index"], name="workflow_step_unique")
        ]

    def __str__(self):
        return self.name


class ApprovalTask(models.Model):
    step = models.ForeignKey(ApprovalStep, on_delete=models.CASCADE, related_name="tasks")
    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="tasks")
    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approval_tasks",
        verbose_name=_("approver"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    order = models.PositiveIntegerField(default=0)  # position inside a sequential step
    state = models.CharField(_("state"), max_length=12, choices=TaskState.choices, default=TaskState.WAITING)
    comment = models.TextField(_("comment"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # 加签 / 转交
    # becomes pending when this task is approved (sequential order, 前加签)
    waits_for = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # 后加签: the approval of `added_after` counts only once this task is approved too
    added_after = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    escalate_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_exclude = True  # every decision is written to the request's log and audited there

    class Meta:
        verbose_name = _("approval task")
        verbose_name_plural = _("approval tasks")
        ordering = ["step", "order", "id"]
        indexes = [
            models.Index(fields=["assignee", "state"], name="workflow_task_inbox"),
            models.Index(fields=["state", "due_at"], name="workflow_task_due"),
        ]

    def __str__(self):
        return f"{self.request.number} → {self.assignee}"


class LogAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned to the initiator")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TRANSFERRED = "transferred", _("Transferred")
    ADDED = "added", _("Added an approver")
    URGED = "urged", _("Urged")
    COMMENTED = "commented", _("Commented")
    SKIPPED = "skipped", _("Skipped automatically")
    AUTO_APPROVED = "auto_approved", _("Approved automatically")
    ESCALATED = "escalated", _("Escalated")
    REMINDED = "reminded", _("Reminded")
    CC = "cc", _("Copied")
    FINISHED = "finished", _("Finished")


class ApprovalLog(models.Model):
    """The progress line of a request: who did what, when, on whose behalf, with which comment."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="log")
    task = models.ForeignKey(ApprovalTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=15, choices=LogAction.choices)
    comment = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    audit_exclude = True  # transitions are audited as such

    class Meta:
        ordering = ["at", "id"]


class Delegation(CompanyOwned):
    """While it is in force, approval tasks arriving for `user` go to `deputy` ("on behalf of")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("user")
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deputy_for",
        verbose_name=_("deputy"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    active = models.BooleanField(_("active"), default=True)

    scope_owner_field = "user"

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="workflow_delegation_dates"
            ),
            models.CheckConstraint(
                condition=~Q(user=models.F("deputy")), name="workflow_delegation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.deputy}"
