from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import DomainError, ValidationFailed


class DuplicatesFound(ValidationFailed):
    """The new lead or customer looks like existing ones: the candidates (and who owns them) are attached.
    Saving again with ignore_duplicates=True creates it anyway."""

    code = "crm.duplicates"
    default_message = _("Possible duplicates found: check them before creating a new record.")

    def __init__(self, candidates, **kwargs):
        self.candidates = candidates
        super().__init__(**kwargs)


class ClaimLimitReached(DomainError):
    code = "crm.claim_limit"
    http_status = 409
    default_message = _("You already hold as many customers as your team allows.")
