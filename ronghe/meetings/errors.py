from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import DomainError


class RoomBooked(DomainError):
    """The room is taken for (some of) the times asked: `conflicts` lists them."""

    code = "meetings.room_booked"
    http_status = 409
    default_message = _("The room is already booked at that time.")

    def __init__(self, conflicts, message=None):
        self.conflicts = conflicts
        super().__init__(message, fields={"room": [str(message or self.default_message)]})
