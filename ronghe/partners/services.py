"""Partner services: create and change customers, suppliers and contacts; archive; tags; bank accounts."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from ronghe.core.errors import NotFound, ValidationFailed
from ronghe.core.scoping import require_perm
from ronghe.core.services import clean_and_save, sequence_next
from ronghe.core.transactions import service_transaction
from ronghe.core.validators import is_valid_uscc, normalize_phone

from .dedupe import name_key
from .models import Partner, PartnerAddress, PartnerBankAccount, PartnerKind, PartnerTag, PaymentTerm

PARTNER_FIELDS = (
    "kind",
    "code",
    "name",
    "short_name",
    "is_customer",
    "is_supplier",
    "parent",
    "job_title",
    "tax_id",
    "phone",
    "mobile",
    "email",
    "website",
    "province",
    "city",
    "district",
    "street",
    "postcode",
    "owner",
    "payment_term",
    "credit_limit",
    "currency",
    "note",
    "active",
)


def _validate(partner: Partner, company) -> dict:
    errors: dict[str, list] = {}
    partner.name = (partner.name or "").strip()
    partner.tax_id = (partner.tax_id or "").strip().upper()
    if partner.kind == PartnerKind.ORGANISATION and partner.tax_id and not is_valid_uscc(partner.tax_id):
        errors["tax_id"] = [
            _(
                "“%(value)s” is not a valid unified social credit code (18 characters with a correct check digit)."
            )
            % {"value": partner.tax_id}
        ]
    if partner.parent_id:
        if partner.parent.company_id != company.pk:
            errors["parent"] = [_("Choose a record of this company.")]
        elif partner.parent.kind != PartnerKind.ORGANISATION or partner.parent.parent_id:
            errors["parent"] = [_("A contact belongs to an organisation.")]
        elif partner.pk and partner.parent_id == partner.pk:
            errors["parent"] = [_("A partner cannot be its own organisation.")]
    elif not (partner.is_customer or partner.is_supplier):
        errors["is_customer"] = [_("Mark the partner as a customer, a supplier or both.")]
    if partner.owner_id and not partner.owner.memberships.filter(company=company, active=True).exists():
        errors["owner"] = [_("Choose a user of this company.")]
    if partner.payment_term_id and partner.payment_term.company_id != company.pk:
        errors["payment_term"] = [_("Choose a record of this company.")]
    if partner.code:
        dup = Partner.objects.filter(company=company, code=partner.code).exclude(pk=partner.pk).exists()
        if dup:
            errors["code"] = [_("A partner with this code already exists.")]
    return errors


@service_transaction
def partner_save(*, company, actor, data: dict, partner: Partner | None = None, tags=None) -> Partner:
    """Create (partner=None) or update a partner. Validates every field; writes nothing on error.

    Raises ValidationFailed with per-field messages (tax id check digit, e-mail, negative credit limit,
    duplicate code, owner outside the company...).
    """
    if partner is not None:
        partner = Partner.objects.select_for_update().get(pk=partner.pk, company=company)
    else:
        partner = Partner(company=company, owner=actor)
    for f in PARTNER_FIELDS:
        if f in data and data[f] is not None:
            setattr(partner, f, data[f])
        elif f in data and f in {"parent", "owner", "payment_term"}:
            setattr(partner, f, None)
    errors = _validate(partner, company)
    if tags is not None:
        bad = [t for t in tags if t.company_id != company.pk]
        if bad:
            errors["tags"] = [_("Choose a record of this company.")]
    if errors:
        raise ValidationFailed(fields=errors)
    partner.phone_norm = normalize_phone(partner.mobile or partner.phone)
    partner.name_key = name_key(partner.name)
    if not partner.code:
        # Validate everything first so that a refused partner does not take a number.
        try:
            partner.full_clean(exclude=["code"])
        except DjangoValidationError as exc:
            raise ValidationFailed.from_django(exc)
        partner.code = sequence_next(company=company, code="partners.partner")
    clean_and_save(partner, actor=actor)
    if tags is not None:
        partner.tags.set(tags)
    return partner


@service_transaction
def partner_archive(*, partner: Partner, actor, active: bool = False) -> Partner:
    """Archive (active=False) or restore a partner. Archived partners leave lists but keep their history."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.active != active:
        partner.active = active
        partner.save(update_fields=["active", "updated_at"])
    return partner


@service_transaction
def partner_bank_account_add(
    *,
    partner: Partner,
    actor,
    bank_name: str,
    account_name: str,
    account_number: str,
    is_default: bool = False,
) -> PartnerBankAccount:
    """Add a bank account (spaces in the number are dropped). The first account becomes the default.

    Raises ValidationFailed for a number with other characters than digits or one already recorded."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    number = (account_number or "").replace(" ", "")
    errors = {}
    if number and not number.isdigit():
        errors["account_number"] = [_("A bank account number has digits only.")]
    elif number and partner.bank_accounts.filter(account_number=number).exists():
        errors["account_number"] = [_("This account is already recorded.")]
    if errors:
        raise ValidationFailed(fields=errors)
    is_default = is_default or not partner.bank_accounts.exists()
    acct = PartnerBankAccount(
        partner=partner,
        bank_name=(bank_name or "").strip(),
        account_name=(account_name or "").strip() or partner.name,
        account_number=number,
        is_default=is_default,
    )
    clean_and_save(acct)
    if is_default:
        partner.bank_accounts.exclude(pk=acct.pk).update(is_default=False)
    return acct


@service_transaction
def partner_bank_account_remove(*, partner: Partner, actor, account_id: int) -> None:
    deleted, _n = PartnerBankAccount.objects.filter(partner=partner, pk=account_id).delete()
    if not deleted:
        raise NotFound()


@service_transaction
def partner_address_add(*, partner: Partner, actor, data: dict) -> PartnerAddress:
    """Add a billing / shipping / other address to a partner. Raises ValidationFailed (street required)."""
    fields = ("kind", "contact_name", "phone", "province", "city", "district", "street", "postcode")
    addr = PartnerAddress(partner=partner, **{k: (data.get(k) or "").strip() for k in fields if k in data})
    return clean_and_save(addr)


@service_transaction
def partner_address_remove(*, partner: Partner, actor, address_id: int) -> None:
    deleted, _n = PartnerAddress.objects.filter(partner=partner, pk=address_id).delete()
    if not deleted:
        raise NotFound()


@service_transaction
def partner_tag_save(*, company, actor, name: str, color: str = "secondary") -> PartnerTag:
    tag = PartnerTag.objects.filter(company=company, name=name.strip()).first() or PartnerTag(company=company)
    tag.name, tag.color = name.strip(), color
    return clean_and_save(tag, actor=actor)


@service_transaction
def payment_term_save(*, company, actor, name: str, days: int) -> PaymentTerm:
    term = PaymentTerm.objects.filter(company=company, name=name.strip()).first() or PaymentTerm(
        company=company
    )
    term.name, term.days = name.strip(), days
    return clean_and_save(term, actor=actor)


# --- merge (查重 found two records of one customer) -----------------------------------------------------------

_MERGE_HANDLED: set[str] = set()


def merge_handled_by_subscriber(model_label: str) -> None:
    """A module that merges its own rows on PartnersMerged (e.g. balances keyed by partner) declares them, so
    that the generic move leaves them alone."""
    _MERGE_HANDLED.add(model_label.lower())


@service_transaction
def partner_merge(*, winner: Partner, loser: Partner, actor) -> Partner:
    """Merge `loser` into `winner`: every record of every module that points at the loser (orders, invoices,
    payments, moves, leads, contacts, addresses, timeline…) points at the winner afterwards; the loser is
    archived with a note. Both timelines tell it; the audit log keeps the before."""
    from django.contrib.contenttypes.models import ContentType

    from ronghe.core import events
    from ronghe.core.audit import audit_log

    from .events import PartnersMerged

    require_perm(actor, winner.company, "partners.merge_partner")
    if winner.pk == loser.pk:
        raise ValidationFailed(fields={"loser": [_("Choose two different partners.")]})
    if winner.company_id != loser.company_id:
        raise ValidationFailed(fields={"loser": [_("Choose a record of this company.")]})
    locked = {
        p.pk: p
        for p in Partner.objects.select_for_update().filter(pk__in=[winner.pk, loser.pk]).order_by("pk")
    }
    winner, loser = locked[winner.pk], locked[loser.pk]
    if not loser.active or not winner.active:
        raise ValidationFailed(fields={"loser": [_("Archived (or already merged) partners are not merged.")]})
    events.publish(PartnersMerged(company_id=winner.company_id, winner_id=winner.pk, loser_id=loser.pk))
    moved: dict[str, int] = {}
    for rel in Partner._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete) or rel.many_to_many:
            continue
        model = rel.related_model
        label = model._meta.label_lower
        if label in _MERGE_HANDLED or model is Partner.tags.through:
            continue
        name = rel.field.name
        if label == "partners.partnerbankaccount":  # the same account twice: keep the winner's
            model.objects.filter(
                partner=loser,
                account_number__in=model.objects.filter(partner=winner).values("account_number"),
            ).delete()
        if rel.one_to_one:
            if model.objects.filter(**{name: winner}).exists():
                model.objects.filter(**{name: loser}).delete()
                continue
        n = model._base_manager.filter(**{name: loser}).update(**{name: winner})
        if n:
            moved[label] = moved.get(label, 0) + n
    winner.tags.add(*loser.tags.all())
    ct = ContentType.objects.get_for_model(Partner)
    from ronghe.timeline.models import Activity, Attachment, Follower, Message

    Follower.objects.filter(
        content_type=ct,
        object_id=loser.pk,
        user_id__in=Follower.objects.filter(content_type=ct, object_id=winner.pk).values("user_id"),
    ).delete()
    for model in (Message, Activity, Attachment, Follower):
        n = model.objects.filter(content_type=ct, object_id=loser.pk).update(object_id=winner.pk)
        if n:
            moved[model._meta.label_lower] = n
    for field in ("tax_id", "phone", "mobile", "email", "website", "province", "city", "district", "street"):
        if not getattr(winner, field) and getattr(loser, field):
            setattr(winner, field, getattr(loser, field))
    winner.is_customer = winner.is_customer or loser.is_customer
    winner.is_supplier = winner.is_supplier or loser.is_supplier
    winner.phone_norm = normalize_phone(winner.mobile or winner.phone)
    winner.save()
    loser.active = False
    loser.note = (f"{loser.note}\n" if loser.note else "") + _("merged into %(code)s %(name)s") % {
        "code": winner.code,
        "name": winner.name,
    }
    loser.save(update_fields=["active", "note", "updated_at"])
    audit_log(
        action="merge",
        obj=winner,
        changes={"merged": [f"{loser.code} {loser.name}", winner.code], "moved": moved},
    )
    from ronghe.timeline.services import message_post

    message_post(
        record=winner,
        author=actor,
        body=_("%(loser)s (%(code)s) was merged into this partner: %(n)s linked records moved.")
        % {"loser": loser.name, "code": loser.code, "n": sum(moved.values())},
        kind="note",
    )
    return winner
