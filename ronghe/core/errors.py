"""Domain errors. Every error has a stable dotted code and a translated message; the API maps them to HTTP."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "core.error"
    http_status = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, code: str | None = None, fields: dict | None = None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.fields = fields or {}
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    """Bad input. `fields` maps field name -> list of messages. Nothing was written."""

    code = "core.validation"
    http_status = 422
    default_message = _("Please correct the errors below.")

    @classmethod
    def from_django(cls, exc):
        """Build from django.core.exceptions.ValidationError."""
        if hasattr(exc, "error_dict"):
            fields = {f: [str(m) for e in errs for m in e.messages] for f, errs in exc.error_dict.items()}
            return cls(fields=fields)
        return cls(message="; ".join(str(m) for m in exc.messages))


class InvalidTransition(DomainError):
    code = "core.invalid_transition"
    http_status = 409
    default_message = _("This action is not allowed in the document's current state.")


class NotFound(DomainError):
    code = "core.not_found"
    http_status = 404
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    code = "core.permission_denied"
    http_status = 403
    default_message = _("You do not have permission to do this.")


class Conflict(DomainError):
    code = "core.conflict"
    http_status = 409
    default_message = _("The record was changed by someone else. Reload and try again.")
