"""CRM: sales teams with their pipeline stages and pool rules, leads (线索), opportunities (商机), follow-ups
(跟进记录) and the ownership of customers — the public pool (公海) is the customers without an owner."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ronghe.core.models import CompanyOwned
from ronghe.timeline.models import HasTimeline

from .states import FollowUpKind, LeadSource, LeadStatus, OpportunityState, OwnerChange

MONEY = {"max_digits": 20, "decimal_places": 2}


class SalesTeam(CompanyOwned):
    name = models.CharField(_("name"), max_length=80)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("team leader")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="sales_teams", blank=True, verbose_name=_("members")
    )
    territory = models.CharField(_("territory"), max_length=120, blank=True, help_text=_("e.g. 华东, 上海市"))
    pool_days = models.PositiveIntegerField(_("back to the pool after (days without follow-up)"), default=30)
    claim_limit = models.PositiveIntegerField(_("customers a salesperson may hold"), default=50)

    class Meta:
        verbose_name = _("sales team")
        verbose_name_plural = _("sales teams")
        ordering = ["name"]
        permissions = [
            ("manage_customers", "Transfer customers and act on the team's leads and opportunities")
        ]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="crm_team_unique")]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """A pipeline stage of a team (or of the company when team is empty), in order, with its probability."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    team = models.ForeignKey(
        SalesTeam,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stages",
        verbose_name=_("team"),
    )
    name = models.CharField(_("name"), max_length=60)
    seq = models.PositiveSmallIntegerField(_("order"), default=10)
    probability = models.DecimalField(
        _("probability (%)"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    is_won = models.BooleanField(_("won stage"), default=False)
    active = models.BooleanField(_("active"), default=True)  # removed from the pipeline, kept for history

    class Meta:
        verbose_name = _("pipeline stage")
        verbose_name_plural = _("pipeline stages")
        ordering = ["seq", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=0) & Q(probability__lte=100), name="crm_stage_probability"
            )
        ]

    def __str__(self):
        return self.name


class CustomerProfile(models.Model):
    """CRM facts about a customer: its team and the last follow-up (what the pool rule looks at)."""

    partner = models.OneToOneField(
        "partners.Partner", on_delete=models.CASCADE, related_name="crm_profile", verbose_name=_("customer")
    )
    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    team = models.ForeignKey(
        SalesTeam, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    last_followup_at = models.DateTimeField(_("last follow-up"), null=True, blank=True)
    owned_since = models.DateTimeField(_("owned since"), null=True, blank=True)

    audit_exclude = True  # derived: follow-ups and owner changes are audited

    class Meta:
        indexes = [models.Index(fields=["company", "last_followup_at"], name="crm_profile_followup")]


class OwnershipChange(models.Model):
    """Every change of a customer's owner: claims, releases, automatic returns, transfers."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="+", verbose_name=_("customer")
    )
    reason = models.CharField(_("reason"), max_length=10, choices=OwnerChange.choices)
    old_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    new_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["company", "partner", "at"], name="crm_owner_change")]


class Lead(HasTimeline, CompanyOwned):
    number = models.CharField(_("number"), max_length=30)
    source = models.CharField(
        _("source"), max_length=12, choices=LeadSource.choices, default=LeadSource.MANUAL
    )
    company_name = models.CharField(_("company name"), max_length=150, blank=True)
    contact_name = models.CharField(_("contact"), max_length=60, blank=True)
    job_title = models.CharField(_("job title"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_norm = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    name_key = models.CharField(max_length=150, blank=True, editable=False)  # 查重: partners.dedupe.name_key
    email = models.EmailField(_("e-mail"), blank=True)
    tax_id = models.CharField(_("tax id"), max_length=30, blank=True)
    province = models.CharField(_("province"), max_length=30, blank=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW)
    disqualify_reason = models.CharField(_("reason"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crm_leads",
        verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        SalesTeam, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    score_manual = models.BooleanField(_("score set by hand"), default=False)
    note = models.TextField(_("note"), blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crm_leads",
        verbose_name=_("customer"),
    )
    converted_at = models.DateTimeField(_("converted at"), null=True, blank=True)

    scope_owner_field = "owner"
    timeline_tracked = ("status", "owner", "team")

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["company", "number"], name="crm_lead_number")]
        indexes = [
            models.Index(fields=["company", "owner", "status"], name="crm_lead_owner"),
            models.Index(fields=["company", "email"], name="crm_lead_email"),
            models.Index(fields=["company", "name_key"], name="crm_lead_namekey"),
        ]

    def __str__(self):
        return self.company_name or self.contact_name or self.number

    def get_absolute_url(self):
        return reverse("crm:lead-detail", args=[self.pk])


class Opportunity(HasTimeline, CompanyOwned):
    name = models.CharField(_("name"), max_length=150)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("customer")
    )
    contact = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact"),
    )
    team = models.ForeignKey(
        SalesTeam, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="crm_opportunities",
        verbose_name=_("owner"),
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage"))
    state = models.CharField(
        _("state"), max_length=8, choices=OpportunityState.choices, default=OpportunityState.OPEN
    )
    probability = models.DecimalField(
        _("probability (%)"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    expected_amount = models.DecimalField(_("expected amount"), default=Decimal(0), **MONEY)
    close_date = models.DateField(_("expected close date"), null=True, blank=True)
    products = models.ManyToManyField("products.Product", blank=True, verbose_name=_("products of interest"))
    competitors = models.CharField(_("competitors"), max_length=200, blank=True)
    lost_reason = models.CharField(_("lost reason"), max_length=200, blank=True)
    lead = models.ForeignKey(Lead, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    orders = models.ManyToManyField("sales.SalesOrder", blank=True, related_name="opportunities")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)

    scope_owner_field = "owner"
    timeline_tracked = ("stage", "state", "owner", "expected_amount", "close_date")

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["company", "state", "stage"], name="crm_opp_board"),
            models.Index(fields=["company", "owner", "state"], name="crm_opp_owner"),
            models.Index(fields=["company", "partner"], name="crm_opp_partner"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(expected_amount__gte=0), name="crm_opp_amount"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("crm:opportunity-detail", args=[self.pk])

    @property
    def weighted_amount(self) -> Decimal:
        return (self.expected_amount * self.probability / 100).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


class FollowUp(CompanyOwned):
    """A call, visit, meeting or message with a customer (or a lead), with the next follow-up date."""

    kind = models.CharField(_("kind"), max_length=8, choices=FollowUpKind.choices, default=FollowUpKind.CALL)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="crm_followups",
        verbose_name=_("customer"),
    )
    lead = models.ForeignKey(
        Lead,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("lead"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("opportunity"),
    )
    note = models.TextField(_("note"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    next_date = models.DateField(_("next follow-up"), null=True, blank=True)
    next_activity = models.ForeignKey(
        "timeline.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["company", "created_by", "at"], name="crm_followup_user")]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(lead__isnull=False), name="crm_followup_target"
            )
        ]


class CrmSettings(models.Model):
    """Per company: the key of the public lead form (网站表单) and who receives its leads."""

    company = models.OneToOneField("core.Company", on_delete=models.CASCADE, related_name="crm_settings")
    webform_key = models.CharField(_("web form key"), max_length=40, unique=True)
    webform_team = models.ForeignKey(
        SalesTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("team receiving web leads"),
    )
    webform_limit = models.PositiveSmallIntegerField(_("submissions per address per hour"), default=5)

    class Meta:
        verbose_name = _("CRM settings")
        verbose_name_plural = _("CRM settings")

    def __str__(self):
        return str(self.company)
