"""Events the approval engine publishes. Documents react to them (in their app's handlers.py)."""

from dataclasses import dataclass

from ronghe.core.events import DomainEvent


@dataclass(frozen=True)
class _ApprovalEvent(DomainEvent):
    request_id: int
    company_id: int
    approvable_type: str
    target_label: str  # model label of the document, e.g. "oaforms.formrequest"
    target_id: int

    def timeline_target(self):
        return (self.target_label, self.target_id)


@dataclass(frozen=True)
class ApprovalSubmitted(_ApprovalEvent):
    def describe(self):
        from django.utils.translation import gettext as _

        return _("Submitted for approval")


@dataclass(frozen=True)
class ApprovalDecided(_ApprovalEvent):
    """A request ended: decision is "approved" or "rejected". Handlers run in the deciding transaction."""

    decision: str

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Approval approved") if self.decision == "approved" else _("Approval rejected")


@dataclass(frozen=True)
class ApprovalReturned(_ApprovalEvent):
    """Sent back to the initiator: the document becomes editable again."""

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Returned for changes")


@dataclass(frozen=True)
class ApprovalWithdrawn(_ApprovalEvent):
    def describe(self):
        from django.utils.translation import gettext as _

        return _("Approval withdrawn")
