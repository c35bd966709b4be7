"""States of sales orders (one document from quotation to done) and the transitions the services enforce."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderState(models.TextChoices):
    DRAFT = "draft", _("Quotation")  # 报价单, editable
    SENT = "sent", _("Quotation sent")
    CONFIRMED = "confirmed", _("Sales order")  # 销售订单: delivery created, stock reserved
    DONE = "done", _("Done")  # delivered and invoiced in full
    CANCELLED = "cancelled", _("Cancelled")


class ApprovalState(models.TextChoices):
    NONE = "", _("Not needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


TRANSITIONS = {
    "edit": ({OrderState.DRAFT, OrderState.SENT}, None),
    "send": ({OrderState.DRAFT}, OrderState.SENT),
    "confirm": ({OrderState.DRAFT, OrderState.SENT}, OrderState.CONFIRMED),
    "invoice": ({OrderState.CONFIRMED}, None),
    "cancel": ({OrderState.DRAFT, OrderState.SENT, OrderState.CONFIRMED}, OrderState.CANCELLED),
}
