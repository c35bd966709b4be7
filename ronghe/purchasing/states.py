"""States of purchase orders and of the three-way-match approval of supplier bills."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 询价单 (request for quotation) until confirmed
    SENT = "sent", _("RFQ sent")  # the request for quotation went to the supplier
    CONFIRMED = "confirmed", _("Purchase order")  # 采购订单: approved if needed, receipt expected
    DONE = "done", _("Done")  # received and billed in full
    CANCELLED = "cancelled", _("Cancelled")


class ApprovalState(models.TextChoices):
    NONE = "", _("Not needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


TRANSITIONS = {
    "edit": ({OrderState.DRAFT, OrderState.SENT}, None),
    "send": ({OrderState.DRAFT, OrderState.SENT}, OrderState.SENT),
    "confirm": ({OrderState.DRAFT, OrderState.SENT}, OrderState.CONFIRMED),
    "bill": ({OrderState.CONFIRMED, OrderState.DONE}, None),
    "cancel": ({OrderState.DRAFT, OrderState.SENT, OrderState.CONFIRMED}, OrderState.CANCELLED),
}
