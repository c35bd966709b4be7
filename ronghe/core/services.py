"""Core services: every state change of platform data. Keyword-only, in a transaction, audited."""

import hashlib
import secrets
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, context
from .audit import audit_log
from .errors import NotFound, ValidationFailed
from .models import (
    ApiToken,
    AuditAction,
    Company,
    CurrencyRate,
    LoginFailure,
    Membership,
    Sequence,
    Unit,
    User,
)
from .transactions import service_transaction

# --- Validation helper shared by every app's services -------------------------------------


def clean_and_save(instance, *, actor=None, exclude=None):
    """Validate with the model's rules (field validators, unique constraints) and save.

    Raises ValidationFailed with per-field translated messages; nothing is written on failure.
    Outside a request (tasks, CLI, tests) the save is audited under `actor`.
    """
    if (
        actor is not None
        and hasattr(instance, "created_by_id")
        and instance.created_by_id is None
        and instance._state.adding
    ):
        instance.created_by = actor
    # Foreign keys whose object the service already holds need no existence query (the database enforces
    # them anyway); the checks that matter — same company, allowed values — are the services' own.
    held = [
        f.name
        for f in instance._meta.concrete_fields
        if f.is_relation and f.is_cached(instance) and getattr(instance, f.name) is not None
    ]
    exclude = list(exclude or [])
    errors: dict = {}
    steps = (
        lambda: instance.clean_fields(exclude=[*exclude, *held]),
        instance.clean,
        lambda: instance.validate_unique(exclude=exclude),
        lambda: instance.validate_constraints(exclude=exclude),
    )
    for step in steps:  # full_clean's steps; held foreign keys only skip the field check
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationFailed.from_django(ValidationError(errors))
    if actor is not None and context.current().user_id is None:
        with context.acting(user_id=actor.pk, user_name=actor.get_username()):
            instance.save()
    else:
        instance.save()
    return instance


def bulk_insert(objs: list, *, actor=None) -> list:
    """Insert instances of one model with one statement, audited as save() would be (`created_by` = actor).
    The caller has validated them (no database-side constraint checks are run here)."""
    if not objs:
        return objs
    model = type(objs[0])
    for obj in objs:
        if actor is not None and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = actor
    model.objects.bulk_create(objs)
    _audited_as(actor, lambda: audit.saved_in_bulk(objs, created=True))
    return objs


def bulk_change(objs: list, fields: list[str], *, actor=None) -> None:
    """Update `fields` of instances of one model with one statement (`updated_at` too), audited per row."""
    if not objs:
        return
    model = type(objs[0])
    fields = list(fields)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields) and "updated_at" not in fields:
        now = timezone.now()
        for obj in objs:
            obj.updated_at = now
        fields.append("updated_at")
    model.objects.bulk_update(objs, fields)
    _audited_as(actor, lambda: audit.saved_in_bulk(objs, created=False))


def _audited_as(actor, fn):
    if actor is not None and context.current().user_id is None:
        with context.acting(user_id=actor.pk, user_name=actor.get_username()):
            return fn()
    return fn()


# --- Sequences ----------------------------------------------------------------------------

SEQUENCE_TYPES: dict[str, dict] = {}


def sequence_register(
    code: str, *, prefix: str, reset: str = "month", pattern: str = "{prefix}{period}{n:04d}"
):
    """Declare a document numbering: reset is "month", "year" or "never"."""
    SEQUENCE_TYPES[code] = {"prefix": prefix, "reset": reset, "pattern": pattern}


def _period_key(reset: str, on: date) -> str:
    return {"month": on.strftime("%Y%m"), "year": on.strftime("%Y"), "never": ""}[reset]


def sequence_next_value(*, company, code: str, period: str = "") -> int:
    """Take the next integer of (company, code, period). Gap-free and unique under concurrency.

    Call inside the transaction that uses the number: the locked row stays locked until that commit,
    and a rollback gives the number back, so no gap appears.
    """
    with transaction.atomic(savepoint=False):  # a leaf: its caller's transaction decides
        qs = Sequence.objects.select_for_update().filter(company=company, code=code, period=period)
        seq = qs.first()
        if seq is None:
            Sequence.objects.bulk_create(
                [Sequence(company=company, code=code, period=period)], ignore_conflicts=True
            )
            seq = qs.get()
        value = seq.next_value
        seq.next_value = value + 1
        seq.save(update_fields=["next_value"])
    return value


def sequence_next(*, company, code: str, on: date | None = None) -> str:
    """The next formatted number of a registered document type, e.g. SO2026110001."""
    spec = SEQUENCE_TYPES.get(code) or {
        "prefix": code.upper()[:4],
        "reset": "month",
        "pattern": "{prefix}{period}{n:04d}",
    }
    on = on or timezone.localdate()
    period = _period_key(spec["reset"], on)
    n = sequence_next_value(company=company, code=code, period=period)
    return spec["pattern"].format(
        prefix=spec["prefix"], period=period, yyyy=on.strftime("%Y"), mm=on.strftime("%m"), n=n
    )


# --- Currencies and units -----------------------------------------------------------------


def currency_rate_get(*, company, currency, on: date) -> Decimal:
    """The rate of `currency` into the company currency valid on `on` (latest rate on or before)."""
    code = getattr(currency, "code", currency)
    if code == company.currency_id:
        return Decimal(1)
    rate = (
        CurrencyRate.objects.filter(company=company, currency_id=code, date__lte=on)
        .order_by("-date")
        .values_list("rate", flat=True)
        .first()
    )
    if rate is None:
        raise NotFound(_("No exchange rate for %(code)s on or before %(date)s.") % {"code": code, "date": on})
    return rate


def unit_convert(*, quantity: Decimal, from_unit: Unit, to_unit: Unit, round_result: bool = True) -> Decimal:
    """Convert a quantity between units of one category, rounded to the target unit's rounding."""
    if from_unit.category_id != to_unit.category_id:
        raise ValidationFailed(
            _("Cannot convert %(a)s to %(b)s: the units are of different categories.")
            % {"a": from_unit.name, "b": to_unit.name},
            fields={"unit": [_("Choose a unit of the same category.")]},
        )
    if from_unit.pk == to_unit.pk:
        return quantity
    result = quantity * from_unit.factor / to_unit.factor
    if round_result:
        result = result.quantize(to_unit.rounding, rounding=ROUND_HALF_UP)
    return result


# --- Companies and memberships ------------------------------------------------------------


@service_transaction
def company_create(
    *,
    actor,
    name: str,
    name_en: str = "",
    uscc: str | None = None,
    currency="CNY",
    address: str = "",
    phone: str = "",
    language: str = "zh-hans",
) -> Company:
    """Create a company and make the actor its administrator. Raises ValidationFailed."""
    company = Company(
        name=name,
        name_en=name_en,
        uscc=(uscc or None) and uscc.strip().upper(),
        currency_id=currency,
        address=address,
        phone=phone,
        language=language,
    )
    clean_and_save(company)
    if actor is not None:
        membership_set(company=company, user=actor, is_admin=True, roles=[])
    return company


@service_transaction
def membership_set(*, company, user, is_admin: bool = False, roles=(), active: bool = True) -> Membership:
    """Add the user to the company (or update the membership) with exactly these roles."""
    m, _created = Membership.objects.select_for_update().get_or_create(user=user, company=company)
    changed = m.is_admin != is_admin or m.active != active
    m.is_admin, m.active = is_admin, active
    if changed or _created:
        m.save()
    m.roles.set(list(roles))
    if user.active_company_id is None:
        user.active_company = company
        user.save(update_fields=["active_company"])
    user.__dict__.pop("_ronghe_memberships", None)
    return m


def user_companies(user):
    return Company.objects.filter(memberships__user=user, memberships__active=True, active=True).order_by(
        "id"
    )


@service_transaction
def user_switch_company(*, user, company_id: int) -> Company:
    """Make another of the user's companies the active one. Raises NotFound for a foreign company."""
    company = user_companies(user).filter(pk=company_id).first()
    if company is None:
        raise NotFound()
    user.active_company = company
    user.save(update_fields=["active_company"])
    return company


def user_active_company(user) -> Company | None:
    """The user's active company, falling back to their first one."""
    if user is None or not user.is_authenticated:
        return None
    if (
        user.active_company_id
        and user.memberships.filter(company_id=user.active_company_id, active=True).exists()
    ):
        return user.active_company
    return user_companies(user).first()


# --- Login protection ---------------------------------------------------------------------


def login_is_locked(*, username: str) -> bool:
    """True when the account saw too many failed logins in the lock window."""
    since = timezone.now() - timedelta(minutes=settings.RONGHE_LOGIN_LOCK_MINUTES)
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
    return recent >= settings.RONGHE_LOGIN_MAX_FAILURES


def login_failure_record(*, username: str, ip: str) -> None:
    with transaction.atomic():
        LoginFailure.objects.create(username=username[:150], ip=ip[:45])
        audit_log(
            action=AuditAction.LOGIN_FAILED,
            model="core.user",
            object_repr=username[:150],
            actor_id=None,
            actor_name=username[:150],
        )


def login_success_record(*, user) -> None:
    with transaction.atomic():
        LoginFailure.objects.filter(username__iexact=user.get_username()).delete()
        audit_log(
            action=AuditAction.LOGIN,
            obj=user,
            actor_id=user.pk,
            actor_name=user.get_username(),
            company_id=user.active_company_id,
        )


# --- API tokens ---------------------------------------------------------------------------

TOKEN_PREFIX = "rh_"


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@service_transaction
def api_token_create(*, user, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a personal token. Returns the token row and the secret, which is shown once only."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(fields={"name": [_("This field is required.")]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:60], prefix=secret[:10], key_hash=_token_hash(secret), expires_at=expires_at
    )
    audit_log(
        action=AuditAction.TOKEN,
        obj=token,
        changes={"created": token.prefix},
        company_id=user.active_company_id,
    )
    return token, secret


@service_transaction
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.user_id != actor.pk and not actor.is_superuser:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(action=AuditAction.TOKEN, obj=token, changes={"revoked": token.prefix})
    return token


def api_token_authenticate(secret: str) -> User | None:
    """The active user behind a bearer secret, or None. Use is audited (at most once a minute per token)."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.user.is_active or (token.expires_at and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            audit_log(
                action=AuditAction.TOKEN_USE,
                obj=token,
                actor_id=token.user_id,
                actor_name=token.user.get_username(),
                company_id=token.user.active_company_id,
            )
    return token.user


@service_transaction
def user_profile_update(*, user, data: dict) -> User:
    """Change the user's own profile (display name, e-mail, phone, language, time zone)."""
    import zoneinfo

    user = User.objects.select_for_update().get(pk=user.pk)
    for f in ("display_name", "email", "phone", "language", "time_zone"):
        if f in data:
            setattr(user, f, data[f] or "")
    try:
        zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(fields={"time_zone": [_("Unknown time zone.")]})
    clean_and_save(user, exclude=["password", "username"])
    return user
