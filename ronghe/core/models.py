"""Platform data: users, companies, roles and data scopes, sequences, currencies, units, audit log."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_phone, validate_uscc


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class CompanyOwned(TimeStamped):
    """Base for every business row (DESIGN §5): company + who created it."""

    company = models.ForeignKey("core.Company", on_delete=models.PROTECT, verbose_name=_("company"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )

    class Meta:
        abstract = True


# --- Currencies and units -------------------------------------------------------------------


class Currency(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=50)
    symbol = models.CharField(_("symbol"), max_length=5, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=2)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        ordering = ["code"]

    def __str__(self):
        return self.code


class CurrencyRate(models.Model):
    """How many units of the company currency one unit of `currency` buys on `date`."""

    company = models.ForeignKey("core.Company", on_delete=models.CASCADE, verbose_name=_("company"))
    currency = models.ForeignKey(Currency, on_delete=models.CASCADE, verbose_name=_("currency"))
    date = models.DateField(_("date"))
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["company", "currency", "date"], name="core_rate_unique_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="core_rate_positive"),
        ]


class UnitCategory(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("unit category")
        verbose_name_plural = _("unit categories")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit of measure. `factor` = how many reference units of its category one of this unit is."""

    category = models.ForeignKey(
        UnitCategory, on_delete=models.PROTECT, related_name="units", verbose_name=_("category")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=30)
    factor = models.DecimalField(
        _("factor to reference unit"), max_digits=18, decimal_places=8, default=Decimal(1)
    )
    rounding = models.DecimalField(_("rounding"), max_digits=10, decimal_places=4, default=Decimal("0.0001"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")
        ordering = ["category", "factor"]
        constraints = [models.CheckConstraint(condition=Q(factor__gt=0), name="core_unit_factor_positive")]

    def __str__(self):
        return self.name


# --- Companies and users --------------------------------------------------------------------


class Company(TimeStamped):
    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        unique=True,
        null=True,
    )
    currency = models.ForeignKey(
        Currency, on_delete=models.PROTECT, default="CNY", verbose_name=_("currency")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    logo = models.ImageField(_("logo"), upload_to="company/logo/", blank=True)
    language = models.CharField(
        _("default language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["id"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    phone = models.CharField(_("mobile phone"), max_length=30, blank=True, validators=[validate_phone])
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=50, default="Asia/Shanghai")
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    active_company = models.ForeignKey(
        Company,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("active company"),
    )
    companies = models.ManyToManyField(
        Company, through="Membership", related_name="users", verbose_name=_("companies")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["id"]

    def __str__(self):
        return self.get_display_name()

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class Scope(models.TextChoices):
    """Which rows of a model a role sees (数据权限). Ordered from narrowest to widest."""

    OWN = "own", _("Own records")
    DEPARTMENT = "department", _("Own department")
    DEPARTMENT_TREE = "department_tree", _("Own department and below")
    COMPANY = "company", _("Whole company")


SCOPE_RANK = {Scope.OWN: 0, Scope.DEPARTMENT: 1, Scope.DEPARTMENT_TREE: 2, Scope.COMPANY: 3}


class Role(TimeStamped):
    """A set of permissions in one company, plus the data scope that applies to its users."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="roles", verbose_name=_("company")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    permissions = models.ManyToManyField(Permission, blank=True, verbose_name=_("permissions"))
    default_scope = models.CharField(_("data scope"), max_length=20, choices=Scope.choices, default=Scope.OWN)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["company", "name"]
        constraints = [models.UniqueConstraint(fields=["company", "code"], name="core_role_unique_code")]

    def __str__(self):
        return self.name


class RoleScope(models.Model):
    """Overrides the role's default data scope for one model (e.g. sales sees own partners, all products)."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="scopes", verbose_name=_("role"))
    model = models.CharField(_("model"), max_length=100, help_text="app_label.modelname")
    scope = models.CharField(_("data scope"), max_length=20, choices=Scope.choices)

    class Meta:
        verbose_name = _("role data scope")
        verbose_name_plural = _("role data scopes")
        constraints = [models.UniqueConstraint(fields=["role", "model"], name="core_rolescope_unique")]


class Membership(TimeStamped):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    roles = models.ManyToManyField(Role, blank=True, verbose_name=_("roles"))
    is_admin = models.BooleanField(_("company administrator"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")
        constraints = [models.UniqueConstraint(fields=["user", "company"], name="core_membership_unique")]

    def __str__(self):
        return f"{self.user} @ {self.company}"


# --- Sequences -----------------------------------------------------------------------------


class Sequence(models.Model):
    """The next number of one document type in one company and period. Locked row = gap-free numbers."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, verbose_name=_("company"))
    code = models.CharField(_("document type"), max_length=50)
    period = models.CharField(_("period"), max_length=10, blank=True, help_text="YYYY, YYYYMM or empty")
    next_value = models.PositiveBigIntegerField(_("next number"), default=1)

    audit_exclude = True  # the documents that take the numbers are audited

    class Meta:
        verbose_name = _("sequence")
        verbose_name_plural = _("sequences")
        constraints = [
            models.UniqueConstraint(fields=["company", "code", "period"], name="core_sequence_unique")
        ]


# --- Audit log -----------------------------------------------------------------------------


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    TRANSITION = "transition", _("State change")
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    PERMISSION = "permission", _("Permission change")
    TOKEN_USE = "token_use", _("API token used")
    TOKEN = "token", _("API token created/revoked")


class AuditEntry(models.Model):
    """One append-only audit row. `hash` = sha256(prev_hash + this row's content): a chain.

    Rows are written unsealed (seq empty) in the business transaction and sealed into the chain right after
    it commits (audit.seal_pending), so the chain's lock is never held together with business row locks.
    Plain integer references (not foreign keys) so that deleting a user or company never rewrites history.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True, null=True, blank=True)
    at = models.DateTimeField(_("time"), db_index=True)
    company_id = models.BigIntegerField(_("company"), null=True, blank=True, db_index=True)
    actor_id = models.BigIntegerField(_("user"), null=True, blank=True)
    actor_name = models.CharField(_("user"), max_length=150, blank=True)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    model = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    audit_exclude = True

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["model", "object_id"], name="core_audit_object"),
            models.Index(fields=["id"], name="core_audit_unsealed", condition=models.Q(seq__isnull=True)),
        ]


class AuditChainHead(models.Model):
    """The last link of the audit chain. Locked by every append so the chain never forks."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    audit_exclude = True


# --- Login protection and API tokens --------------------------------------------------------


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    audit_exclude = True  # failed logins are audited as such


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; the prefix identifies it in lists."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    audit_exclude = True  # creation, revocation and use are audited explicitly

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class IdempotencyRecord(models.Model):
    """The first answer to a POST carrying `Idempotency-Key`, replayed for retries of the same key."""

    user = models.ForeignKey(User, on_delete=models.CASCADE)
    key = models.CharField(max_length=100)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=255)
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    audit_exclude = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_unique")]


class ScheduledJob(models.Model):
    """When a recurring job (core.scheduler) last ran: the row is the lock that lets one of several workers
    enqueue it, once per interval."""

    audit_exclude = True  # bookkeeping of the scheduler; the jobs audit what they change

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class WorkerBeat(models.Model):
    """A running `ronghe worker` says it is alive every few seconds. A task left RUNNING by a worker that has
    stopped beating (killed, machine lost) is handed back to the queue by the others (core.workers)."""

    audit_exclude = True  # bookkeeping of the workers

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.IntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id
