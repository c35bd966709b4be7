"""CRM's reactions to other modules' events, in their transaction (DESIGN §4)."""

from .models import CustomerProfile


def on_partners_merged(event) -> None:
    """The merged customer's CRM profile: the winner keeps its own (with the later follow-up of the two)."""
    profiles = {
        p.partner_id: p
        for p in CustomerProfile.objects.select_for_update().filter(
            partner_id__in=[event.winner_id, event.loser_id]
        )
    }
    winner, loser = profiles.get(event.winner_id), profiles.get(event.loser_id)
    if loser is None:
        return
    if winner is None:
        loser.partner_id = event.winner_id
        loser.save(update_fields=["partner"])
        return
    latest = max(filter(None, [winner.last_followup_at, loser.last_followup_at]), default=None)
    winner.last_followup_at = latest
    winner.team = winner.team or loser.team
    winner.save(update_fields=["last_followup_at", "team"])
    loser.delete()
