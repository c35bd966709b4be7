"""States of leads and opportunities, and the reasons a customer changes owner."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    DISQUALIFIED = "disqualified", _("Disqualified")
    CONVERTED = "converted", _("Converted")


class LeadSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Excel import")
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    REFERRAL = "referral", _("Referral")
    EXHIBITION = "exhibition", _("Exhibition")
    OTHER = "other", _("Other")


class OpportunityState(models.TextChoices):
    OPEN = "open", _("In progress")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class FollowUpKind(models.TextChoices):
    CALL = "call", _("Call")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    MESSAGE = "message", _("Message")


class OwnerChange(models.TextChoices):
    CLAIM = "claim", _("Claimed from the pool")
    RELEASE = "release", _("Released to the pool")
    RETURN = "return", _("Returned to the pool (no follow-up)")
    TRANSFER = "transfer", _("Transferred")
    ASSIGN = "assign", _("Assigned")


LEAD_TRANSITIONS = {
    "contact": ({LeadStatus.NEW}, LeadStatus.CONTACTED),
    "qualify": ({LeadStatus.NEW, LeadStatus.CONTACTED}, LeadStatus.QUALIFIED),
    "disqualify": ({LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED}, LeadStatus.DISQUALIFIED),
    "convert": ({LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED}, LeadStatus.CONVERTED),
}

OPPORTUNITY_TRANSITIONS = {
    "move": ({OpportunityState.OPEN}, None),
    "win": ({OpportunityState.OPEN}, OpportunityState.WON),
    "lose": ({OpportunityState.OPEN}, OpportunityState.LOST),
    "reopen": ({OpportunityState.WON, OpportunityState.LOST}, OpportunityState.OPEN),
}
