"""Permissions and data scopes (DESIGN §5), applied in one place for every selector.

`scope_queryset()` is the only gate between a user and business rows: lists, detail pages, the API,
search, exports and reports all read through selectors that call it. A row outside the scope simply
is not in the queryset, so a detail lookup answers 404, not 403.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from .errors import PermissionDenied
from .models import SCOPE_RANK, Membership, Permission, Scope

# Set by the org app: (user, company, include_children) -> set of user ids in the user's department(s).
_department_resolver: Callable | None = None


def register_department_resolver(fn: Callable) -> None:
    global _department_resolver
    _department_resolver = fn


def membership_for(user, company) -> Membership | None:
    """The user's active membership in company, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or company is None:
        return None
    cache = user.__dict__.setdefault("_ronghe_memberships", {})
    cid = company if isinstance(company, int) else company.pk
    if cid not in cache:
        cache[cid] = (
            Membership.objects.filter(user=user, company_id=cid, active=True, company__active=True)
            .prefetch_related("roles__scopes")
            .first()
        )
    return cache[cid]


def permissions_for(user, company) -> set[str]:
    m = membership_for(user, company)
    if m is None:
        return set()
    if not hasattr(m, "_perm_cache"):
        rows = Permission.objects.filter(role__membership=m).values_list(
            "content_type__app_label", "codename"
        )
        m._perm_cache = {f"{app}.{code}" for app, code in rows}
    return m._perm_cache


def is_company_admin(user, company) -> bool:
    if getattr(user, "is_superuser", False) and membership_for(user, company) is not None:
        return True
    m = membership_for(user, company)
    return bool(m and m.is_admin)


def has_perm(user, company, perm: str) -> bool:
    """`perm` is "app_label.codename", e.g. "partners.view_partner"."""
    if membership_for(user, company) is None:
        return False
    return is_company_admin(user, company) or perm in permissions_for(user, company)


def require_perm(user, company, perm: str) -> None:
    if not has_perm(user, company, perm):
        raise PermissionDenied()


def require_company_admin(user, company) -> None:
    """Pages for company administrators only: anyone else gets 404 (the page does not exist for them)."""
    from .errors import NotFound

    if not is_company_admin(user, company):
        raise NotFound()


def effective_scope(user, company, model_label: str) -> str | None:
    """The widest scope any of the user's roles grants on the model (None = not a member)."""
    m = membership_for(user, company)
    if m is None:
        return None
    if is_company_admin(user, company):
        return Scope.COMPANY
    best = None
    for role in m.roles.all():
        override = next((s.scope for s in role.scopes.all() if s.model == model_label), None)
        scope = override or role.default_scope
        if best is None or SCOPE_RANK[scope] > SCOPE_RANK[best]:
            best = scope
    return best or Scope.OWN


def scope_queryset(qs: QuerySet, *, user, company, perm: str | None = None) -> QuerySet:
    """Restrict `qs` to the company and to the rows the user's data scope allows.

    The model names its owner field with `scope_owner_field` (default "created_by").
    Raises PermissionDenied when `perm` is given and the user lacks it.
    """
    model = qs.model
    if company is None or membership_for(user, company) is None:
        return qs.none()
    if perm:
        require_perm(user, company, perm)
    qs = qs.filter(company=company)
    scope = effective_scope(user, company, model._meta.label_lower)
    if scope == Scope.COMPANY:
        return qs
    owner_field = getattr(model, "scope_owner_field", "created_by")
    if scope == Scope.OWN or _department_resolver is None:
        return qs.filter(**{owner_field: user})
    ids = _department_resolver(user, company, scope == Scope.DEPARTMENT_TREE)
    ids.add(user.pk)
    return qs.filter(Q(**{f"{owner_field}__in": ids}))
