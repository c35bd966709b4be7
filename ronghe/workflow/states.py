"""States of requests, steps and tasks, and the TRANSITIONS table the services and pages share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    SUBMITTED = "submitted", _("In approval")  # waiting for approvers
    APPROVED = "approved", _("Approved")  # every required approver agreed
    REJECTED = "rejected", _("Rejected")  # an approver refused; final
    RETURNED = "returned", _("Returned")  # sent back to the initiator to edit and resubmit
    WITHDRAWN = "withdrawn", _("Withdrawn")  # taken back by the initiator; final


REQUEST_FINAL = {RequestState.APPROVED, RequestState.REJECTED, RequestState.WITHDRAWN}


class StepState(models.TextChoices):
    WAITING = "waiting", _("Waiting")  # a later node, not reached yet
    ACTIVE = "active", _("In progress")  # its approvers are deciding
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned")
    SKIPPED = "skipped", _("Skipped")  # nobody to approve, or all approvers skipped
    DONE = "done", _("Copied")  # a CC node: notified
    CANCELLED = "cancelled", _("Cancelled")  # the request ended before reaching it


class TaskState(models.TextChoices):
    WAITING = "waiting", _("Waiting")  # not its turn yet
    PENDING = "pending", _("To approve")  # in the approver's inbox
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned")
    TRANSFERRED = "transferred", _("Transferred")  # handed to someone else (also by escalation)
    SKIPPED = "skipped", _("Skipped")  # approver is the initiator, or approved the previous node (去重)
    CANCELLED = "cancelled", _("Cancelled")  # the step or request was decided without this task
    CC = "cc", _("Copied")  # a CC recipient


TASK_APPROVED_LIKE = {TaskState.APPROVED, TaskState.SKIPPED}
TASK_OPEN = {TaskState.WAITING, TaskState.PENDING}

# action -> (states of the request it is allowed from, state of the task it needs or None)
TRANSITIONS = {
    "approve": ({RequestState.SUBMITTED}, TaskState.PENDING),
    "reject": ({RequestState.SUBMITTED}, TaskState.PENDING),
    "return": ({RequestState.SUBMITTED}, TaskState.PENDING),
    "transfer": ({RequestState.SUBMITTED}, TaskState.PENDING),
    "add_approver": ({RequestState.SUBMITTED}, TaskState.PENDING),
    "withdraw": ({RequestState.SUBMITTED, RequestState.RETURNED}, None),
    "resubmit": ({RequestState.RETURNED}, None),
    "urge": ({RequestState.SUBMITTED}, None),
    "comment": (set(RequestState.values), None),
}
