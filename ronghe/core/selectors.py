"""Reads of platform data."""

from django.db.models import Q

from .models import AuditEntry, Currency, Unit, User
from .scoping import is_company_admin


def user_list(*, company, q: str = ""):
    qs = User.objects.filter(memberships__company=company, memberships__active=True, is_active=True)
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q) | Q(email__icontains=q))
    return qs.order_by("id").distinct()


def currency_list():
    return Currency.objects.filter(active=True)


def unit_list():
    return Unit.objects.filter(active=True).select_related("category")


def audit_list(
    *, user, company, model: str = "", object_id: str = "", actor: str = "", action: str = "", field: str = ""
):
    """The audit log of the company, for company administrators only (others get nothing).

    `field` keeps the rows that changed that field ("who changed this price, when, from which IP")."""
    if not is_company_admin(user, company):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.filter(company_id=company.pk)
    if model:
        qs = qs.filter(model=model)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if action:
        qs = qs.filter(action=action)
    if field:
        qs = qs.filter(changes__has_key=field)
    return qs.order_by("-id")
