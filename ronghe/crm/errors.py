from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import DomainError, ValidationFailed


class DuplicatesFound(ValidationFailed):
    """The new lead or customer looks like existing ones: the candidates (and who owns them) are attached.
    Saving again with ignore_duplicates=True creates it anyway."""

    code = "crm.duplicates"
    default_message = _("Possible duplicates found: check them before creating a new record.")

    def __init__(self, candidates, **kwargs):
        from django.utils.translation import gettext

        self.candidates = candidates
        lines = []
        owner_label, pool_label = gettext("Owner"), gettext("public pool")
        for kind, label in (("partners", gettext("Customer")), ("leads", gettext("Lead"))):
            for c in candidates.get(kind, []):
                owner = getattr(c.obj, "owner", None) or pool_label
                ref = getattr(c.obj, "code", "") or getattr(c.obj, "number", "")
                reasons = ", ".join(str(r) for r in c.reasons)
                lines.append(f"{label} {ref} {c.obj} · {owner_label}: {owner} · {reasons}")
        kwargs.setdefault("fields", {})["duplicates"] = lines
        super().__init__(**kwargs)


class ClaimLimitReached(DomainError):
    code = "crm.claim_limit"
    http_status = 409
    default_message = _("You already hold as many customers as your team allows.")
