"""States of moves and transfers, and the transitions the services enforce."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MoveState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being prepared, no effect on stock
    WAITING = "waiting", _("Waiting")  # confirmed, not (fully) reserved
    RESERVED = "reserved", _("Reserved")  # its quantity is set aside in the source quant
    DONE = "done", _("Done")  # stock moved and valued; never edited again
    CANCELLED = "cancelled", _("Cancelled")  # dropped before it was done; reservation released


class TransferState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    WAITING = "waiting", _("Waiting")
    RESERVED = "reserved", _("Ready")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_MOVE = {MoveState.WAITING, MoveState.RESERVED}

TRANSITIONS = {
    "confirm": ({TransferState.DRAFT}, TransferState.WAITING),
    "reserve": ({TransferState.WAITING, TransferState.RESERVED}, TransferState.RESERVED),
    "validate": ({TransferState.DRAFT, TransferState.WAITING, TransferState.RESERVED}, TransferState.DONE),
    "cancel": ({TransferState.DRAFT, TransferState.WAITING, TransferState.RESERVED}, TransferState.CANCELLED),
    "return": ({TransferState.DONE}, None),
}
