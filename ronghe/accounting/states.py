"""States of vouchers and periods, and the transitions the services enforce."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VoucherState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 制单: editable, deletable
    REVIEWED = "reviewed", _("Reviewed")  # 已审核: locked; un-review returns it to draft
    POSTED = "posted", _("Posted")  # 已记账: in the ledger, never changed again (reverse it instead)


class PeriodState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


TRANSITIONS = {
    "edit": ({VoucherState.DRAFT}, VoucherState.DRAFT),
    "delete": ({VoucherState.DRAFT}, None),
    "review": ({VoucherState.DRAFT}, VoucherState.REVIEWED),
    "unreview": ({VoucherState.REVIEWED}, VoucherState.DRAFT),
    "post": ({VoucherState.REVIEWED}, VoucherState.POSTED),
    "reverse": ({VoucherState.POSTED}, None),
    "copy": ({VoucherState.DRAFT, VoucherState.REVIEWED, VoucherState.POSTED}, None),
}
