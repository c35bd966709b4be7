"""Events partners publishes."""

from dataclasses import dataclass

from ronghe.core.events import DomainEvent


@dataclass(frozen=True)
class PartnersMerged(DomainEvent):
    """`loser` was merged into `winner`. Published before the generic move of foreign keys, in the merge's
    transaction: a module whose rows derive from the partner (balances keyed by it, one-to-one profiles)
    merges them itself and declares the model with `partners.services.merge_handled_by_subscriber`."""

    company_id: int
    winner_id: int
    loser_id: int

    def timeline_target(self):
        return ("partners.partner", self.winner_id)

    def describe(self):
        from django.utils.translation import gettext as _

        return _("Merged partner #%(id)s into this one") % {"id": self.loser_id}
