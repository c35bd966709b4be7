"""Partner reads, always through the data-scope gate."""

from django.db.models import Q

from ronghe.core.scoping import scope_queryset
from ronghe.core.validators import normalize_phone

from .models import Partner, PartnerTag, PaymentTerm

ROLE_FILTERS = {
    "customer": Q(is_customer=True, parent__isnull=True),
    "supplier": Q(is_supplier=True, parent__isnull=True),
    "contact": Q(parent__isnull=False),
}


def partner_list(
    *,
    user,
    company,
    q: str = "",
    role: str = "",
    owner=None,
    tag=None,
    active: bool | None = True,
    parent=None,
):
    """Partners the user may see. `q` matches name, code, short name, tax id, e-mail and phone."""
    qs = scope_queryset(Partner.objects.all(), user=user, company=company, perm="partners.view_partner")
    if q:
        q = q.strip()
        cond = (
            Q(name__icontains=q)
            | Q(code__icontains=q)
            | Q(short_name__icontains=q)
            | Q(tax_id__iexact=q)
            | Q(email__iexact=q)
        )
        digits = normalize_phone(q)
        if len(digits) >= 4:
            cond |= Q(phone_norm__contains=digits)
        qs = qs.filter(cond)
    if role in ROLE_FILTERS:
        qs = qs.filter(ROLE_FILTERS[role])
    if owner:
        qs = qs.filter(owner_id=owner)
    if tag:
        qs = qs.filter(tags__id=tag)
    if active is not None:
        qs = qs.filter(active=active)
    if parent:
        qs = qs.filter(parent_id=parent)
    return qs.select_related("owner", "payment_term", "parent")


def partner_get_for_user(*, pk: int, user, company) -> Partner:
    """One partner, or Partner.DoesNotExist (404) when it is outside the user's company or scope."""
    return (
        partner_list(user=user, company=company, active=None)
        .prefetch_related("tags", "bank_accounts", "addresses")
        .get(pk=pk)
    )


def partner_tag_list(*, company):
    return PartnerTag.objects.filter(company=company)


def payment_term_list(*, company):
    return PaymentTerm.objects.filter(company=company, active=True)
